// Authentication and the rules every route follows, as real oVirt clients expect them.

const tokenExample = `curl -X POST -H 'Accept: application/json' \\
  --data 'grant_type=password&scope=ovirt-app-api&username=admin%40internal&password=…' \\
  https://HOST/ovirt-engine/sso/oauth/token
{"access_token":"…","scope":"ovirt-app-api","exp":"1795490585153","token_type":"bearer"}

curl -H 'Authorization: Bearer …' -H 'Accept: application/xml' https://HOST/ovirt-engine/api/vms
curl -u 'admin@internal:…' https://HOST/ovirt-engine/api/storagedomains?search=name=nfs*`;

const faultExample = `<fault><reason>Operation Failed</reason><detail>[Cannot move Virtual Disk. Storage Domain … doesn't exist.]</detail></fault>`;

export function Conventions() {
  return (
    <>
      <section id="auth" aria-labelledby="auth-title" className="mb-8">
        <h2 id="auth-title" className="mb-1 text-lg font-semibold">Authentication</h2>
        <ul className="mb-3 max-w-4xl list-disc pl-5 text-sm text-slate-700">
          <li>Every portal user (Admin › Users) signs in with their name and password and sees and does what their permissions allow; the first start creates <code>admin@internal</code> with the server&apos;s <code>ADMIN_PASSWORD</code> (or prints a generated one).</li>
          <li><code>POST /ovirt-engine/sso/oauth/token</code> (form body) returns a bearer token that expires after <code>TOKEN_TTL_SECONDS</code>; a bad login is a 400 with <code>error_code</code> and <code>error</code>.</li>
          <li><code>POST /ovirt-engine/services/sso-logout</code> with <code>token=…</code> ends a token. HTTP Basic works too. Either with <code>Prefer: persistent-auth</code> opens a session: the reply sets a <code>JSESSIONID</code> cookie that later calls may send, with the same header, instead of credentials (idle time <code>Session-TTL</code> minutes, 30 by default).</li>
          <li>Without valid credentials every API route answers 401 with <code>WWW-Authenticate</code>: clients then fetch a new token and retry. A token issued for another scope gets 403.</li>
        </ul>
        <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{tokenExample}</pre>
      </section>
      <section id="conventions" aria-labelledby="conventions-title" className="mb-8">
        <h2 id="conventions-title" className="mb-1 text-lg font-semibold">Conventions</h2>
        <ul className="mb-3 max-w-4xl list-disc pl-5 text-sm text-slate-700">
          <li>XML by default (<code>Content-Type: application/xml</code> on every reply); JSON with <code>Accept: application/json</code>, request bodies as JSON with <code>Content-Type: application/json</code>. Element order never matters.</li>
          <li>GET answers 200; adding to a collection 201 with the entity (locked while its job runs) and a Location; long actions 202 with <code>&lt;action&gt;&lt;job/&gt;&lt;status&gt;pending&lt;/status&gt;&lt;/action&gt;</code>; DELETE 200 with the job.</li>
          <li><code>?async=false</code> (or <code>&lt;async&gt;false&lt;/async&gt;</code> in an action) waits for the job: 200 with status complete, or failed with a fault.</li>
          <li><code>correlation_id=X</code> on any request tags its jobs; <code>search</code> takes <code>key=value</code> terms joined by <code>and</code>, with <code>*</code> wildcards; <code>max</code> limits a list; <code>follow</code> inlines links.</li>
          <li>References name an entity by <code>id</code> or by <code>&lt;name&gt;</code>. Unknown elements, wrong types and impossible sizes are refused with 400, never ignored.</li>
          <li>Errors: 400 invalid input, 401/403 authentication, 404 unknown id, 409 conflict (locked disk, domain not active, name taken, no template copy on the domain), 501 not available yet.</li>
        </ul>
        <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{faultExample}</pre>
      </section>
    </>
  );
}
