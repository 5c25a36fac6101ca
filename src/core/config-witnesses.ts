import { DocketError } from './errors.js';

/**
 * DOCKET_PUBLIC_LOG_WITNESSES: the witnesses asked to cosign the public log's checkpoints (C2SP tlog-witness), one
 * per line or separated by commas, each `<verifier key> <submission URL>`: the witness's cosignature/v1 key
 * (`name+keyid+base64`, type 0x04) and the prefix its `add-checkpoint` is under. Here only the form is checked;
 * the public log reads each key (src/transparency/public-log/witness.ts) when it starts.
 */
export interface WitnessSetting {
  vkey: string;
  url: string;
}

const NAME = 'DOCKET_PUBLIC_LOG_WITNESSES';
const VKEY = /^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/;

export function configError(message: string): DocketError {
  return new DocketError('validation_failed', `configuration ${NAME} ${message}`, [{ field: NAME, message }]);
}

export function publicLogWitnesses(env: NodeJS.ProcessEnv): WitnessSetting[] {
  const raw = env[NAME]?.trim();
  if (!raw) return [];
  const witnesses: WitnessSetting[] = [];
  for (const entry of raw
    .split(/[\n,]/)
    .map((e) => e.trim())
    .filter((e) => e.length > 0)) {
    const [vkey, url, ...rest] = entry.split(/\s+/);
    if (!vkey || !url || rest.length > 0) {
      throw configError(`lists "${entry}": each witness is "<verifier key> <submission URL>"`);
    }
    if (!VKEY.test(vkey)) throw configError(`lists the key "${vkey}", which is not name+keyid+base64`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw configError(`lists "${url}" for ${vkey.split('+')[0]}, which is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw configError(`lists "${url}" for ${vkey.split('+')[0]}: a witness is reached over http(s)`);
    }
    if (witnesses.some((w) => w.vkey === vkey)) throw configError(`lists the key "${vkey}" twice`);
    witnesses.push({ vkey, url: url.replace(/\/+$/, '') });
  }
  return witnesses;
}
