'use strict';
// Batch interop with Atlassian's reference atlassian-jwt: reads one JSON request on stdin, writes one JSON answer.
// For every case: the reference's canonical request and qsh, a token the reference mints for it, and whether the
// reference accepts the token our side minted (decodeSymmetric + its own qsh check + expiry).
// Error texts are cut short: the library's signature error repeats the signing input (that is, the token).
const jwt = require('atlassian-jwt');

function check(c, input) {
  const baseUrl = c.baseUrl || undefined;
  const out = {};
  try {
    const req = jwt.fromMethodAndUrl(c.method, c.url);
    out.canonical = jwt.createCanonicalRequest(req, false, baseUrl);
    out.qsh = jwt.createQueryStringHash(req, false, baseUrl);
  } catch (e) {
    out.error = e.name;
    return out;
  }
  out.token = jwt.encodeSymmetric(
    { iss: input.appKey, iat: input.now, exp: input.now + 180, qsh: out.qsh }, input.secret, 'HS256');
  if (c.token) {
    try {
      const claims = jwt.decodeSymmetric(c.token, input.secret, 'HS256');
      const nowSeconds = Math.floor(Date.now() / 1000);
      if (claims.qsh !== out.qsh) {
        out.ours = 'qsh mismatch';
      } else if (claims.iss !== input.appKey) {
        out.ours = 'iss mismatch';
      } else if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
        out.ours = 'expired';
      } else {
        out.ours = 'accepted';
      }
    } catch (e) {
      out.ours = 'rejected: ' + String(e.message).split(' for input')[0];
    }
  }
  return out;
}

let raw = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { raw += chunk; });
process.stdin.on('end', () => {
  const input = JSON.parse(raw);
  const results = input.cases.map((c) => check(c, input));
  process.stdout.write(JSON.stringify({ node: process.version, library: jwt.version, results }));
});
