// Pocket ID for the JVM: the consent page's fresh-passkey step. When the page asks for it, "Allow"
// first runs a passkey assertion through /api/webauthn/reauthenticate and submits the resulting
// reauthentication token with the form.

const b64url = {
  decode(value) {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)).buffer;
  },
  encode(buffer) {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
};

async function api(method, url, body) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error((data && data.error) || `Request failed (${response.status})`);
  return data;
}

async function reauthenticate() {
  const options = await api("GET", "/api/webauthn/login/start");
  options.challenge = b64url.decode(options.challenge);
  options.allowCredentials = (options.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }));
  const credential = await navigator.credentials.get({ publicKey: options });
  const r = credential.response;
  const response = {
    clientDataJSON: b64url.encode(r.clientDataJSON),
    authenticatorData: b64url.encode(r.authenticatorData),
    signature: b64url.encode(r.signature),
  };
  if (r.userHandle) response.userHandle = b64url.encode(r.userHandle);
  const body = {
    id: credential.id,
    rawId: b64url.encode(credential.rawId),
    type: credential.type,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
  const result = await api("POST", "/api/webauthn/reauthenticate", body);
  return result.reauthenticationToken;
}

const form = document.getElementById("consent-form");
if (form && form.dataset.reauth === "true") {
  const allow = document.getElementById("allow");
  allow.addEventListener("click", async (event) => {
    event.preventDefault();
    allow.disabled = true;
    document.getElementById("error").textContent = "";
    try {
      document.getElementById("reauthenticationToken").value = await reauthenticate();
      const action = document.createElement("input");
      action.type = "hidden";
      action.name = "pocketid_action";
      action.value = "allow";
      form.appendChild(action);
      form.submit();
    } catch (error) {
      document.getElementById("error").textContent =
        error && error.name === "NotAllowedError"
          ? "The passkey request was cancelled or timed out. Try again."
          : (error && error.message) || "Something went wrong.";
      allow.disabled = false;
    }
  });
}
