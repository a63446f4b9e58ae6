/** The person who books a reception: checked like an applicant (APPK art. 63), identified for clash detection. */
import { isValidBin, isValidIin } from '../../applicants/identity-number';
import { isValidEmail, normalizePhone } from '../../appeals/domain/registration-requirements';
import { badInput } from '../../shared/errors';
import { clean } from '../../control/domain/input';

export interface VisitorInput {
  fullName: string;
  iin?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  organizationName?: string | null;
  bin?: string | null;
}

export interface Visitor {
  fullName: string;
  iin: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  organizationName: string | null;
  bin: string | null;
  /** 'iin:<IIN>' or 'phone:<+7…>': the same person across bookings. */
  personKey: string;
}

export function checkVisitor(v: VisitorInput, field = 'person'): Visitor {
  const fullName = clean(v.fullName);
  if (!fullName || fullName.length < 2 || fullName.length > 200) throw badInput(`${field}.fullName`, 'Give the full name (2–200 characters)');
  const iin = clean(v.iin);
  if (iin && !isValidIin(iin)) throw badInput(`${field}.iin`, 'The IIN is not valid (12 digits with a correct check digit)');
  const rawPhone = clean(v.phone);
  const phone = rawPhone ? normalizePhone(rawPhone) : null;
  if (rawPhone && !phone) throw badInput(`${field}.phone`, 'The phone number is not a Kazakhstan number');
  const email = clean(v.email);
  if (email && !isValidEmail(email)) throw badInput(`${field}.email`, 'The e-mail address is not valid');
  const bin = clean(v.bin);
  if (bin && !isValidBin(bin)) throw badInput(`${field}.bin`, 'The BIN is not valid');
  const organizationName = clean(v.organizationName);
  if (bin && !organizationName) throw badInput(`${field}.organizationName`, 'Name the legal entity the person represents');
  const address = clean(v.address);
  if (address && address.length > 500) throw badInput(`${field}.address`, 'at most 500 characters');
  if (!iin && !phone) throw badInput(`${field}.iin`, 'Give the IIN or a phone number, so the person can be told apart and reached');
  return { fullName, iin, phone, email, address, organizationName, bin, personKey: iin ? `iin:${iin}` : `phone:${phone}` };
}
