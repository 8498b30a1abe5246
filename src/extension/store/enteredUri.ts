import type { RestCredentials } from '../tracking/rest/credentials';

/** A URI typed by the user, split into what may be remembered and the credentials that may not. */
export interface EnteredUri {
  /** The URI without user info: safe for workspace state and the recent list. */
  uri: string;
  /** `user:password@` taken out of the URI, to go to SecretStorage. */
  credentials?: RestCredentials;
}

/** Takes `user:password@` out of an http(s) URI (percent-decoded), so it never lands in state or settings. */
export function splitCredentials(uri: string): EnteredUri {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { uri };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || (!url.username && !url.password)) return { uri };
  const credentials = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  return { uri: url.href.replace(/\/+$/, ''), credentials };
}
