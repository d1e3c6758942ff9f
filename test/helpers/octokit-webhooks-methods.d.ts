// @octokit/webhooks-methods publishes its types under `exports` only, which this project's
// node10 module resolution does not read; these are the two functions its README documents.
declare module '@octokit/webhooks-methods' {
  export function sign(secret: string, payload: string): Promise<string>;
  export function verify(secret: string, payload: string, signature: string): Promise<boolean>;
}
