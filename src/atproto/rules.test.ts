import { describe, expect, it } from 'vitest';
import { REASON_TYPES, REPO_REF, STRONG_REF } from './contract.js';
import { XrpcError } from './errors.js';
import { parseMultikey } from './keys.js';
import {
  DEFAULT_REASON_POLICIES,
  mergeReasonMap,
  parseCreateReport,
  reasonMapProblems,
  reasonPoliciesOf,
  reportNumber,
  toReportInput,
} from './rules.js';
import {
  base32Decode,
  base32Encode,
  base58Decode,
  base58Encode,
  isCid,
  isDid,
  isNsid,
  parseRecordUri,
} from './syntax.js';

const DID = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const CID = 'bafyreibjifzpqj6o6wcq3hejh7y4z4z2vmiklkvykc57tw3pcbx3kxifpm';
const URI = `at://${DID}/app.bsky.feed.post/3l3qo2vuowo2b`;

function refusal(body: unknown): string {
  try {
    parseCreateReport(body);
  } catch (error) {
    if (error instanceof XrpcError && error.status === 400 && error.error === 'InvalidRequest') return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('atproto syntax', () => {
  it('knows DIDs, NSIDs and record AT URIs as the specs write them', () => {
    expect(isDid(DID)).toBe(true);
    expect(isDid('did:web:docket.example')).toBe(true);
    expect(isDid('did:PLC:abc')).toBe(false);
    expect(isDid('did:plc:abc:')).toBe(false);
    expect(isNsid('app.bsky.feed.post')).toBe(true);
    expect(isNsid('post')).toBe(false);
    expect(parseRecordUri(URI)).toEqual({ did: DID, collection: 'app.bsky.feed.post', rkey: '3l3qo2vuowo2b' });
    expect(parseRecordUri(`at://${DID}`)).toMatch(/must name one record/);
    expect(parseRecordUri('at://alice.bsky.social/app.bsky.feed.post/3l3')).toMatch(/not a DID/);
    expect(parseRecordUri(`at://${DID}/post/3l3`)).toMatch(/not an NSID/);
    expect(parseRecordUri(`at://${DID}/app.bsky.feed.post/..`)).toMatch(/not a valid record key/);
    expect(parseRecordUri(`https://${DID}/app.bsky.feed.post/3l3`)).toMatch(/at:\/\//);
  });

  it('knows a CID: v1 in base32 with a whole multihash, or v0', () => {
    expect(isCid(CID)).toBe(true);
    expect(isCid('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toBe(true);
    expect(isCid(CID.slice(0, -4))).toBe(false);
    expect(isCid('bafy!!!!')).toBe(false);
    expect(isCid('not-a-cid')).toBe(false);
  });

  it('round-trips base58btc and base32, leading zeros included', () => {
    const bytes = Uint8Array.from([0, 0, 1, 2, 255, 128]);
    expect(base58Decode(base58Encode(bytes))).toEqual(bytes);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });

  it('reads the multikeys of the atproto specs (a did:key example of each curve)', () => {
    expect(parseMultikey('zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme')).toMatchObject({ alg: 'ES256K' });
    expect(parseMultikey('zDnaembgSGUhZULN2Caob4HLJPaxBh92N7rtH21TErzqf8HQo')).toMatchObject({ alg: 'ES256' });
    expect(parseMultikey('z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toMatch(/neither secp256k1 nor P-256/);
  });
});

describe('a createReport body, checked against the lexicon', () => {
  it('takes a repoRef or a strongRef subject, a known reason type and a reason', () => {
    expect(
      parseCreateReport({
        reasonType: 'com.atproto.moderation.defs#reasonSpam',
        subject: { $type: REPO_REF, did: DID },
        modTool: { name: 'bsky-app/web' },
        somethingNew: true,
      }),
    ).toEqual({
      reasonType: 'com.atproto.moderation.defs#reasonSpam',
      reason: undefined,
      subject: { $type: REPO_REF, did: DID },
    });
    expect(
      parseCreateReport({
        reasonType: 'tools.ozone.report.defs#reasonHarassmentTargeted',
        reason: 'keeps replying to me',
        subject: { $type: STRONG_REF, uri: URI, cid: CID },
      }).subject,
    ).toEqual({ $type: STRONG_REF, uri: URI, cid: CID });
  });

  it('refuses each way a body breaks the lexicon, naming the place', () => {
    const subject = { $type: REPO_REF, did: DID };
    const reasonType = 'com.atproto.moderation.defs#reasonSpam';
    expect(refusal([])).toBe('Input must be an object');
    expect(refusal({ subject })).toBe('Input must have the property "reasonType"');
    expect(refusal({ reasonType: 5, subject })).toBe('Input/reasonType must be a string');
    expect(refusal({ reasonType: 'com.example#reasonMean', subject })).toMatch(/not a known reason type/);
    expect(refusal({ reasonType })).toBe('Input must have the property "subject"');
    expect(refusal({ reasonType, subject: { did: DID } })).toMatch(/includes the "\$type" property/);
    expect(refusal({ reasonType, subject: { $type: 'com.atproto.admin.defs#repoBlobRef', did: DID } })).toMatch(
      /subject \$type must be one of/,
    );
    expect(refusal({ reasonType, subject: { $type: REPO_REF, did: 'alice' } })).toBe(
      'Input/subject/did must be a valid did',
    );
    expect(refusal({ reasonType, subject: { $type: STRONG_REF, uri: `at://${DID}`, cid: CID } })).toMatch(
      /^Input\/subject\/uri must name one record/,
    );
    expect(refusal({ reasonType, subject: { $type: STRONG_REF, uri: URI, cid: 'nope' } })).toBe(
      'Input/subject/cid must be a cid string',
    );
    expect(refusal({ reasonType, subject: { $type: STRONG_REF, uri: URI } })).toBe(
      'Input/subject/cid must be a string',
    );
    expect(refusal({ reasonType, subject, reason: 'x'.repeat(20_001) })).toMatch(/longer than 20000/);
    expect(refusal({ reasonType, subject, reason: '👍🏽'.repeat(2_001) })).toMatch(/2000 graphemes/);
    expect(refusal({ reasonType, subject, modTool: { meta: {} } })).toBe('Input/modTool/name must be a string');
  });
});

describe("a createReport as Docket's report", () => {
  it('knows every reason type of both lexicons, and maps only known ones to a policy of the default library', () => {
    expect(REASON_TYPES).toHaveLength(7 + 40);
    expect(Object.keys(DEFAULT_REASON_POLICIES).every((reason) => REASON_TYPES.includes(reason))).toBe(true);
  });

  it('makes a repoRef an account subject and a strongRef a content subject by its author, keeping the CID', () => {
    expect(
      toReportInput(
        { reasonType: 'com.atproto.moderation.defs#reasonSpam', reason: 'bot', subject: { $type: REPO_REF, did: DID } },
        'did:plc:reporter',
        DEFAULT_REASON_POLICIES,
      ),
    ).toEqual({
      subject: { externalId: DID, kind: 'account', url: `https://bsky.app/profile/${DID}` },
      policyId: 'spam',
      sectionId: 'commercial-spam',
      text: 'bot',
      reporterRef: 'did:plc:reporter',
      source: 'user',
    });
    const content = toReportInput(
      {
        reasonType: 'tools.ozone.report.defs#reasonViolenceThreats',
        reason: undefined,
        subject: { $type: STRONG_REF, uri: URI, cid: CID },
      },
      'did:plc:reporter',
      DEFAULT_REASON_POLICIES,
    );
    expect(content).toMatchObject({
      subject: {
        externalId: URI,
        kind: 'content',
        contentType: 'text',
        authorExternalId: DID,
        url: `https://bsky.app/profile/${DID}/post/3l3qo2vuowo2b`,
      },
      policyId: 'violence-incitement',
      sectionId: 'threats-of-violence',
    });
    expect(content.subject?.title).toContain(CID);
    expect(content.text).toBeUndefined();
  });

  it('refuses a reason type the service takes no reports of (it is not in its labeler record)', () => {
    expect(() =>
      toReportInput(
        {
          reasonType: 'com.atproto.moderation.defs#reasonAppeal',
          reason: undefined,
          subject: { $type: REPO_REF, did: DID },
        },
        DID,
        DEFAULT_REASON_POLICIES,
      ),
    ).toThrow(/does not take reports of type com.atproto.moderation.defs#reasonAppeal/);
  });

  it('cites the policy a configured reason map gives a reason type the defaults leave out', () => {
    const sexual = 'com.atproto.moderation.defs#reasonSexual';
    const policies = mergeReasonMap(DEFAULT_REASON_POLICIES, { [sexual]: { policyId: 'adult-content' } });
    const report = { reasonType: sexual, reason: undefined, subject: { $type: REPO_REF, did: DID } } as const;
    expect(toReportInput(report, DID, policies)).toMatchObject({ policyId: 'adult-content' });
    expect(toReportInput(report, DID, policies)).not.toHaveProperty('sectionId');
    expect(() => toReportInput(report, DID, DEFAULT_REASON_POLICIES)).toThrow(/does not take reports of type/);
    // Only the map's own entries count, not what every object inherits.
    expect(() => toReportInput({ ...report, reasonType: 'constructor' }, DID, policies)).toThrow(/does not take/);
  });

  it("gives the lexicon's integer id from 53 random bits of the report's UUID", () => {
    const id = reportNumber('01890a5d-ac96-774b-bcce-b302099a8057');
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(id).toBe(Number(0xceb302099a8057n >> 3n));
    expect(reportNumber('01890a5d-ac96-774b-bcce-b302099a8058')).not.toBe(id);
  });
});

describe('the reason map of DOCKET_ATPROTO_REASON_MAP', () => {
  const SEXUAL = 'com.atproto.moderation.defs#reasonSexual';
  const RUDE = 'com.atproto.moderation.defs#reasonRude';
  const SPAM = 'com.atproto.moderation.defs#reasonSpam';
  const SELF_HARM = 'tools.ozone.report.defs#reasonSelfHarmED';

  it('merges over the defaults: an entry adds or replaces a reason type, null removes one, the rest stay', () => {
    const merged = mergeReasonMap(DEFAULT_REASON_POLICIES, {
      [SEXUAL]: { policyId: 'adult-content', sectionId: 'unlabelled-nudity' },
      [SPAM]: { policyId: 'scams' },
      [RUDE]: null,
    });
    expect(merged[SEXUAL]).toEqual({ policyId: 'adult-content', sectionId: 'unlabelled-nudity' });
    expect(merged[SPAM]).toEqual({ policyId: 'scams' });
    expect(merged).not.toHaveProperty(RUDE);
    const { [SEXUAL]: _added, [SPAM]: _replaced, ...untouched } = merged;
    const { [SPAM]: _spam, [RUDE]: _rude, ...defaults } = DEFAULT_REASON_POLICIES;
    expect(untouched).toEqual(defaults);
    expect(DEFAULT_REASON_POLICIES[RUDE]).toEqual({ policyId: 'bullying-harassment' });
  });

  it('takes a well-formed map, and names each key at fault in one that is not', () => {
    expect(reasonMapProblems({ [SEXUAL]: { policyId: 'adult-content' }, [SELF_HARM]: null })).toEqual([]);
    expect(reasonMapProblems([])).toEqual([{ field: '', message: expect.stringMatching(/must be a JSON object/) }]);
    expect(
      reasonMapProblems({
        'com.atproto.moderation.defs#reasonMean': { policyId: 'spam' },
        [SEXUAL]: 'adult-content',
        [RUDE]: { policyId: 'Bullying Harassment', section: 'x' },
        [SPAM]: { policyId: 'spam', sectionId: 7 },
        [SELF_HARM]: {},
      }),
    ).toEqual([
      {
        field: 'com.atproto.moderation.defs#reasonMean',
        message: 'is not a reason type of com.atproto.moderation.defs or tools.ozone.report.defs',
      },
      { field: SEXUAL, message: expect.stringMatching(/^must be \{"policyId"/) },
      { field: `${RUDE}/section`, message: 'is not policyId or sectionId' },
      { field: `${RUDE}/policyId`, message: expect.stringMatching(/must be a policy id/) },
      { field: `${SPAM}/sectionId`, message: expect.stringMatching(/must be a section id/) },
      { field: `${SELF_HARM}/policyId`, message: expect.stringMatching(/must be a policy id/) },
    ]);
  });

  it('is the defaults when unset, and stops the start naming the file and the key when malformed', () => {
    expect(reasonPoliciesOf(undefined)).toBe(DEFAULT_REASON_POLICIES);
    expect(reasonPoliciesOf({ file: 'reasons.json', json: { [RUDE]: null } })).not.toHaveProperty(RUDE);
    expect(() =>
      reasonPoliciesOf({ file: '/etc/docket/reasons.json', json: { 'tools.ozone.report.defs#reasonMean': null } }),
    ).toThrow(
      'configuration DOCKET_ATPROTO_REASON_MAP: /etc/docket/reasons.json: "tools.ozone.report.defs#reasonMean" is not a reason type',
    );
  });
});
