/**
 * The sample inputs of the AccessToken reference tests in AgoraIO/Tools
 * DynamicKey/AgoraDynamicKey (python3/test/AccessTokenTest.py,
 * AccessToken2Test.py and the C++, Go and Node tests). The App Certificate
 * is Agora's public example, not a secret. The App ID keeps the references'
 * mixed case, because tokens carry the App ID as given.
 *
 * ts 1111111 and issueTs 1111111 are in January 1970, so every sample token
 * has expired. They exist to compare output with the references.
 */
export const TOKEN_SAMPLE = {
  appId: '970CA35de60c44645bbae8a215061b33',
  appCertificate: '5CFd2fd1755d40ecb72977518be15d3b',
  channelName: '7d72365eb983485397e3e3f9d460bdda',
  uid: 2882341273,
  salt: 1,
  /** "006": when the token expires, Unix seconds. */
  ts: 1111111,
  /** "006": when the privileges expire, Unix seconds. */
  privilegeExpiredTs: 1446455471,
  /** "007": issue time, Unix seconds. */
  issueTs: 1111111,
  /** "007": the token and privilege lifetime in seconds after issueTs. */
  expire: 600,
} as const
