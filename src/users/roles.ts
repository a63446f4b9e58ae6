export const ROLES = ['admin', 'head', 'deputy_head', 'specialist', 'executor', 'analyst', 'liaison', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
