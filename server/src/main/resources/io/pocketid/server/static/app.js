// Pocket ID for the JVM: the one script of the web UI. It runs the WebAuthn ceremonies
// (registration, sign-in with and without conditional UI) against the JSON API and wires the
// pages' buttons. No build step; an ES module loaded with the page's CSP nonce.

// The page's texts in its language: the layout writes the js.* messages as JSON.
const messages = JSON.parse(document.getElementById("messages")?.textContent || "{}");

/** The text of a js.* message key, its {0}, {1}… replaced by the arguments. */
export function t(key, ...args) {
  const text = messages[key];
  if (text === undefined) throw new Error(`Missing message ${key}`);
  return text.replace(/\{(\d+)\}/g, (placeholder, index) => (index < args.length ? String(args[index]) : placeholder));
}

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

function creationOptions(json) {
  const options = structuredClone(json);
  options.challenge = b64url.decode(json.challenge);
  options.user.id = b64url.decode(json.user.id);
  options.excludeCredentials = (json.excludeCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }));
  return options;
}

function requestOptions(json) {
  const options = structuredClone(json);
  options.challenge = b64url.decode(json.challenge);
  options.allowCredentials = (json.allowCredentials || []).map((c) => ({ ...c, id: b64url.decode(c.id) }));
  return options;
}

function credentialJson(credential) {
  const r = credential.response;
  const response = { clientDataJSON: b64url.encode(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = b64url.encode(r.attestationObject);
    response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
  } else {
    response.authenticatorData = b64url.encode(r.authenticatorData);
    response.signature = b64url.encode(r.signature);
    if (r.userHandle) response.userHandle = b64url.encode(r.userHandle);
  }
  return {
    id: credential.id,
    rawId: b64url.encode(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    response,
    clientExtensionResults: credential.getClientExtensionResults(),
  };
}

// Where the application is mounted ("/auth"), empty at the root: every application path this
// script requests or navigates to gets it in front.
const BASE = document.body.dataset.base || "";

function appUrl(path) {
  return path.startsWith("/") && !path.startsWith("//") ? BASE + path : path;
}

function go(path) {
  window.location.assign(appUrl(path));
}

async function api(method, url, body) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(appUrl(url), init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((data && (data.error_description || data.error)) || t("js.error.requestFailed", response.status));
  }
  return data;
}

function ceremonyError(error) {
  if (error && error.name === "NotAllowedError") {
    return t("js.passkey.notAllowed");
  }
  if (error && error.name === "InvalidStateError") {
    return t("js.passkey.alreadyRegistered");
  }
  return (error && error.message) || t("js.error.generic");
}

function show(id, message) {
  const el = document.getElementById(id);
  if (el) el.textContent = message || "";
}

function busy(button, on) {
  if (button) button.disabled = on;
}

export async function registerPasskey() {
  const options = await api("GET", "/api/webauthn/register/start");
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  return api("POST", "/api/webauthn/register/finish", credentialJson(credential));
}

async function signIn(mediation, signal) {
  const options = await api("GET", "/api/webauthn/login/start");
  const request = { publicKey: requestOptions(options) };
  if (mediation) request.mediation = mediation;
  if (signal) request.signal = signal;
  const credential = await navigator.credentials.get(request);
  return api("POST", "/api/webauthn/login/finish", credentialJson(credential));
}

function redirectTarget() {
  const target = document.body.dataset.redirect || "/settings/account";
  return target.startsWith("/") && !target.startsWith("//") ? target : "/settings/account";
}

function loginPage() {
  const button = document.getElementById("passkey-login");
  let conditional = null;
  const done = () => go(redirectTarget());
  if (window.PublicKeyCredential && PublicKeyCredential.isConditionalMediationAvailable) {
    PublicKeyCredential.isConditionalMediationAvailable().then((available) => {
      if (!available) return;
      conditional = new AbortController();
      signIn("conditional", conditional.signal).then(done, (error) => {
        if (error.name !== "AbortError") show("error", ceremonyError(error));
      });
    });
  }
  button.addEventListener("click", async () => {
    if (conditional) conditional.abort();
    show("error", "");
    busy(button, true);
    try {
      await signIn(null, null);
      done();
    } catch (error) {
      show("error", ceremonyError(error));
    } finally {
      busy(button, false);
    }
  });
}

function loginCodePage() {
  const form = document.getElementById("code-form");
  const submit = async () => {
    const code = document.getElementById("code").value.trim();
    if (!code) return show("error", t("js.loginCode.missing"));
    show("error", "");
    try {
      await api("POST", "/api/one-time-access-token/" + encodeURIComponent(code), {});
      go(redirectTarget());
    } catch (error) {
      show("error", error.message);
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  // A code from a link signs in by itself only when nobody is signed in here: for a signed-in
  // person the page waits for a click, so a link with someone else's code cannot switch accounts.
  if (form.dataset.autosubmit === "true" && document.getElementById("code").value) submit();
}

function signupPage() {
  const form = document.getElementById("signup-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show("error", "");
    const data = Object.fromEntries(new FormData(form).entries());
    if (form.dataset.token) data.token = form.dataset.token;
    try {
      await api("POST", "/api/signup", data);
      go("/signup/add-passkey");
    } catch (error) {
      show("error", error.message);
    }
  });
}

function setupPage() {
  const form = document.getElementById("setup-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show("error", "");
    const data = Object.fromEntries(new FormData(form).entries());
    try {
      await api("POST", "/api/signup/setup", data);
      go("/signup/add-passkey");
    } catch (error) {
      show("error", error.message);
    }
  });
}

function addPasskeyPage() {
  const button = document.getElementById("add-passkey");
  button.addEventListener("click", async () => {
    show("error", "");
    busy(button, true);
    try {
      await registerPasskey();
      go("/settings/account");
    } catch (error) {
      show("error", ceremonyError(error));
    } finally {
      busy(button, false);
    }
  });
}

/** Uploads a file as Pocket ID's multipart {@code file} field. */
async function upload(method, url, file) {
  const body = new FormData();
  body.append("file", file);
  const response = await fetch(appUrl(url), { method, credentials: "same-origin", body });
  if (!response.ok) {
    const text = await response.text();
    let message = t("js.error.uploadFailed", response.status);
    try {
      message = JSON.parse(text).error || message;
    } catch {
      // not JSON: keep the status message
    }
    throw new Error(message);
  }
}

function refreshImage(img) {
  const url = new URL(img.src, window.location.href);
  url.searchParams.set("t", String(Date.now()));
  img.src = url.pathname + url.search;
}

function accountPage() {
  const picture = document.getElementById("profile-picture");
  document.getElementById("picture-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    show("picture-error", "");
    try {
      await upload("PUT", "/api/users/me/profile-picture", file);
      refreshImage(picture);
    } catch (error) {
      show("picture-error", error.message);
    }
    event.target.value = "";
  });
  document.getElementById("picture-reset").addEventListener("click", async () => {
    show("picture-error", "");
    try {
      await api("DELETE", "/api/users/me/profile-picture");
      refreshImage(picture);
    } catch (error) {
      show("picture-error", error.message);
    }
  });
  const form = document.getElementById("account-form");
  const savedLocale = form.elements.namedItem("locale").value;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show("account-status", "");
    show("account-error", "");
    const data = Object.fromEntries(new FormData(form).entries());
    try {
      await api("PUT", "/api/users/me", data);
      // Another language: the page comes back in it.
      if (data.locale !== savedLocale) return window.location.reload();
      show("account-status", t("js.account.saved"));
    } catch (error) {
      show("account-error", error.message);
    }
  });
  const addButton = document.getElementById("add-passkey");
  addButton.addEventListener("click", async () => {
    show("passkey-error", "");
    busy(addButton, true);
    try {
      await registerPasskey();
      window.location.reload();
    } catch (error) {
      show("passkey-error", ceremonyError(error));
      busy(addButton, false);
    }
  });
  for (const button of document.querySelectorAll("[data-rename]")) {
    button.addEventListener("click", async () => {
      const name = window.prompt(t("js.passkey.newName"), button.dataset.name);
      if (name === null) return;
      try {
        await api("PATCH", "/api/webauthn/credentials/" + encodeURIComponent(button.dataset.rename), { name });
        window.location.reload();
      } catch (error) {
        show("passkey-error", error.message);
      }
    });
  }
  for (const button of document.querySelectorAll("[data-delete]")) {
    button.addEventListener("click", async () => {
      if (!window.confirm(t("js.passkey.confirmDelete", button.dataset.name))) return;
      try {
        await api("DELETE", "/api/webauthn/credentials/" + encodeURIComponent(button.dataset.delete));
        window.location.reload();
      } catch (error) {
        show("passkey-error", error.message);
      }
    });
  }
  document.getElementById("create-code").addEventListener("click", async () => {
    try {
      const { token } = await api("POST", "/api/users/me/one-time-access-token", { userId: "me" });
      document.getElementById("login-code").textContent = token;
      const link = `${window.location.origin}${BASE}/lc/${token}`;
      const anchor = document.getElementById("login-code-link");
      anchor.textContent = link;
      anchor.href = link;
      document.getElementById("login-code-box").hidden = false;
    } catch (error) {
      show("passkey-error", error.message);
    }
  });
}

/** A fresh passkey assertion exchanged for a reauthentication token (clients that require one). */
async function reauthenticate() {
  const options = await api("GET", "/api/webauthn/login/start");
  const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
  const result = await api("POST", "/api/webauthn/reauthenticate", credentialJson(credential));
  return result.reauthenticationToken;
}

// The consent page of /authorize: when the client requires a fresh passkey, "Allow" first runs a
// passkey assertion and submits the resulting reauthentication token with the form.
function consentForm(form) {
  const allow = document.getElementById("allow");
  allow.addEventListener("click", async (event) => {
    event.preventDefault();
    busy(allow, true);
    show("error", "");
    try {
      document.getElementById("reauthenticationToken").value = await reauthenticate();
      const action = document.createElement("input");
      action.type = "hidden";
      action.name = "pocketid_action";
      action.value = "allow";
      form.appendChild(action);
      form.submit();
    } catch (error) {
      show("error", ceremonyError(error));
      busy(allow, false);
    }
  });
}

const pages = {
  login: loginPage,
  "login-code": loginCodePage,
  setup: setupPage,
  signup: signupPage,
  "add-passkey": addPasskeyPage,
  account: accountPage,
};
const init = pages[document.body.dataset.page];
if (init) init();
// The console module is loaded with this script's own version (?v=), so both change together.
if (document.body.dataset.page === "console") {
  import("./console.js" + new URL(import.meta.url).search).then((module) => module.start({ api, upload, refreshImage, t }));
}
const consent = document.getElementById("consent-form");
if (consent && consent.dataset.reauth === "true") consentForm(consent);
