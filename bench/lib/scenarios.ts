/**
 * The HTTP benchmark's GraphQL documents: ours and, for the nested list, the same data asked of PostGraphile.
 * Both lists select the same stored fields of the same 50 appeals (a district, a quarter, newest first) with their
 * admin unit, topic, applicants, assignments (with organization) and responses (with organization and reviews with
 * reviewer): 4 levels deep.
 */
export const OUR_LIST = `query BenchList($filter: AppealFilter, $first: Int) {
  appeals(filter: $filter, first: $first) {
    edges { node {
      id registrationNumber status form channel receivedAt registrationDate dueDate text summary language onControl
      adminUnit { id nameRu }
      topic { id code nameRu }
      applicants { id kind fullName iin phone address }
      assignments { id role dueDate assignedAt organization { id nameRu } }
      responses {
        id round decision reviewState submittedAt text
        organization { id nameRu }
        reviews { id verdict reasons comment reviewedAt reviewer { id fullName } }
      }
    } }
  }
}`;

export const PEER_LIST = `query PeerList($district: Int!, $from: Datetime!, $to: Datetime!) {
  allAppeals(first: 50, orderBy: [RECEIVED_AT_DESC, ID_DESC],
             filter: { adminUnitId: { equalTo: $district }, receivedAt: { greaterThanOrEqualTo: $from, lessThan: $to } }) {
    nodes {
      id registrationNumber status form channel receivedAt registrationDate dueDate text summary language onControl
      adminUnitByAdminUnitId { id nameRu }
      topicByTopicId { id code nameRu }
      appealApplicantsByAppealId(orderBy: POSITION_ASC) { nodes { applicantByApplicantId { id kind fullName iin phone address } } }
      assignmentsByAppealId(orderBy: ASSIGNED_AT_ASC) { nodes { id role dueDate assignedAt organizationByOrganizationId { id nameRu } } }
      responsesByAppealId(orderBy: [ROUND_ASC, SUBMITTED_AT_ASC]) {
        nodes {
          id round decision reviewState submittedAt text
          organizationByOrganizationId { id nameRu }
          responseReviewsByResponseId(orderBy: REVIEWED_AT_ASC) { nodes { id verdict reasons comment reviewedAt appUserByReviewerId { id fullName } } }
        }
      }
    }
  }
}`;

/** One appeal in full: everything the appeal card shows, history included. */
export const OUR_APPEAL = `query BenchAppeal($id: ID!) {
  appeal(id: $id) {
    id registrationNumber status form channel receivedAt registeredAt registrationDate dueDate forwardDueDate isOverdue workingDaysLeft
    text summary language signatoriesCount isCollective anonymous onControl controlTakenAt outOfScope leaveReason statusComment
    forwardedTo answeredAt closedAt version topicSource topicConfidence
    adminUnit { id kato nameRu } region { id kato nameRu } addressee { id nameRu } registeredBy { id fullName } controlTakenBy { id fullName }
    topic { id code nameRu } repeatOf { id registrationNumber }
    applicants { id kind fullName iin organizationName bin phone email address }
    assignments { id role dueDate assignedAt note organization { id nameRu } assignedBy { id fullName } }
    responses {
      id round decision reviewState submittedAt text organization { id nameRu } author { id fullName }
      reviews { id verdict reasons comment reviewedAt reviewer { id fullName } }
    }
    extensions { id previousDueDate newDueDate reason extendedAt }
    instructions { id number }
    history { id action actorRole at before after }
  }
}`;

export const OUR_PROBLEM_MAP = `query BenchProblemMap($filter: ProblemMapFilter!) {
  problemMap(filter: $filter) {
    from to totalAppeals baselinePeriods
    cells { unitId kato name appeals previousAppeals change overdue overdueShare repeated uniqueApplicants expected pValue unusualness unusual
            topTopics { topicId name appeals } }
  }
}`;

export const OUR_REGISTER = `mutation BenchRegister($input: RegisterAppealInput!) {
  registerAppeal(input: $input) { id registrationNumber dueDate status }
}`;
