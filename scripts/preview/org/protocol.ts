/** Messages between the preview server and the local org's worker thread. */
export interface WorkerSettings {
    forceAppDir: string;
    rootDir: string;
    siteUrl?: string;
    /** Named Credential (lower-case name) → the local URL standing in for its endpoint. */
    credentialUrls: Record<string, string>;
}

export type OrgRequest =
    | { op: 'apex'; name: string; params: Record<string, unknown>; session?: string; sourceIp?: string }
    | { op: 'session'; session?: string }
    | { op: 'staffLogin'; username: string; password: string }
    | { op: 'frontdoor'; token: string }
    | { op: 'logout'; session?: string }
    | { op: 'language'; session?: string; language: 'en' | 'ja' }
    | { op: 'query'; soql: string }
    | { op: 'demoLogins' }
    | {
          op: 'addCustomerUser';
          user: {
              customerNumber: string;
              email: string;
              password: string;
              firstName: string;
              lastName: string;
          };
      }
    | { op: 'siteUrl'; url: string }
    | { op: 'idle' };
