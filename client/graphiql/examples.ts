/** Example analyst queries GraphiQL opens with, over real ids of the seed graph. */
export const DEFAULT_QUERY = `# innograph: analyst queries. Run one with the ▶ button (choose the operation).
# More examples: search, neighbourhood, shortestPaths, fundingFlows, stats (all below).

query Search {
  search(query: "Lunen", limit: 5) { score matched node { id type name kind } }
}

query Neighbourhood {
  neighbourhood(id: "cluster:smart-value", depth: 1, limit: 50) {
    truncated omittedNodes
    nodes { id type name kind }
    edges { id type source target role startDate }
  }
}

query ShortestPaths {
  shortestPaths(fromId: "org:aurubis", toId: "org:thyssenkrupp") {
    length
    nodes { id name }
    edges { type source target }
  }
}

query FundingFlows {
  fundingFlows(funderId: "ministry:land-nrw") {
    funders { id name }
    totals { currency status amount count }
    unknownAmounts
    flows {
      level amount currency amountKnown status
      funder { name } recipient { name }
      edge { citations { title publisher date evidence } }
    }
  }
}

query FundingToSpin {
  fundingFlows(recipientId: "cluster:spin") {
    flows { funder { id name } amount currency status }
  }
}

query Stats {
  stats(limit: 10) {
    nodes relationships
    labels { label count }
    relationshipTypes { label count }
    mostConnected { degree node { id name } }
  }
}

query MinistryById {
  entities(where: { id: { eq: "ministry:mwide" } }) { id name aliases }
}
`;
