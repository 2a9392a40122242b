// Pocket ID for the JVM: the settings console (My apps, API keys, audit logs, users and groups).
// Each page is a shell; this module fills it from the JSON API, the same calls a script with an
// API key makes. DOM nodes are built with textContent only: no HTML from data is ever parsed.

// The JSON API caller, handed over by app.js (importing app.js here would load it a second time
// under another URL and run its page set-up twice).
let api;
let upload;
let refreshImage;

const view = document.getElementById("view");
const NOTICE_KEY = "pocketid.notice";

/** h("tag.class", {attr}, children...) → element; strings become text nodes. */
function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split(".");
  const el = document.createElement(tag);
  if (classes.length) el.className = classes.join(" ");
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function notice(message) {
  const el = document.getElementById("notice");
  el.textContent = message || "";
  if (message) el.focus?.();
}

function failure(message) {
  document.getElementById("view-error").textContent = message || "";
}

/** Shows a notice on the next page (after a redirect or reload). */
function noticeNext(message) {
  sessionStorage.setItem(NOTICE_KEY, message);
}

function when(value) {
  if (!value) return "never";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? "?" + text : "";
}

/** Calls the API and shows its error message in the form's alert, marking the field it names. */
async function submitting(form, errorEl, action) {
  errorEl.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const button = form.querySelector("button[type=submit]");
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (error) {
    errorEl.textContent = error.message;
    markField(form, error.message);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** The API names the field first ("Username is already in use"): mark it and move focus there. */
function markField(form, message) {
  const lower = message.toLowerCase().replace(/\s+/g, "");
  for (const input of form.querySelectorAll("input, select, textarea")) {
    const label = form.querySelector(`label[for="${input.id}"]`);
    const names = [input.name, label && label.textContent].filter(Boolean);
    if (names.some((name) => lower.startsWith(name.toLowerCase().replace(/\s+|\(.*\)/g, "")))) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
  }
}

function field(id, label, attrs) {
  const input = h("input", { id, name: id, type: "text", ...attrs });
  return h("div", {}, h("label", { for: id, text: label }), input);
}

function checkbox(id, label, checked) {
  return h(
    "label.check",
    { for: id },
    h("input", { type: "checkbox", id, name: id, checked: !!checked }),
    " ",
    label,
  );
}

function select(id, label, options, value) {
  const el = h("select", { id, name: id });
  for (const [optionValue, optionLabel] of options) {
    el.append(h("option", { value: optionValue, selected: optionValue === value, text: optionLabel }));
  }
  return h("div", {}, h("label", { for: id, text: label }), el);
}

function valueOf(form, name) {
  const el = form.elements.namedItem(name);
  if (!el) return undefined;
  if (el.type === "checkbox") return el.checked;
  return el.value.trim();
}

function card(title, ...children) {
  return h("section.card", {}, title ? h("h2", { text: title }) : null, ...children);
}

/** A dialog-free confirmation: the browser's own, keyboard-usable and announced by screen readers. */
function confirmed(message) {
  return window.confirm(message);
}

// ---- tables: search, sort, pagination ------------------------------------------------------------

/**
 * A paginated table over one of Pocket ID's list endpoints.
 * columns: [{ label, sort?: column name, cell: (row) => Node|string }]
 */
function listTable({ url, columns, label, filters, searchable = true, defaultSort, empty }) {
  const state = { page: 1, limit: 20, search: "", sort: defaultSort || null };
  const caption = h("caption.sr-only", { text: label });
  const thead = h("thead");
  const tbody = h("tbody");
  const status = h("p.muted", { role: "status", "aria-live": "polite" });
  const prev = h("button.secondary", { type: "button", text: "Previous" });
  const next = h("button.secondary", { type: "button", text: "Next" });
  const searchBox = h("input", {
    type: "search",
    "aria-label": `Search ${label.toLowerCase()}`,
    placeholder: "Search…",
  });
  const root = h(
    "div.list",
    {},
    searchable ? h("div.toolbar", {}, searchBox) : null,
    h("div.table-wrap", {}, h("table", {}, caption, thead, tbody)),
    h("div.pager", {}, prev, status, next),
  );

  function header() {
    thead.replaceChildren(
      h(
        "tr",
        {},
        columns.map((column) => {
          if (!column.sort) return h("th", { scope: "col", text: column.label });
          const active = state.sort && state.sort.column === column.sort;
          const direction = active ? state.sort.direction : null;
          const button = h("button.link", {
            type: "button",
            "data-sort": column.sort,
            text: column.label + (direction === "asc" ? " ▲" : direction === "desc" ? " ▼" : ""),
            onclick: () => {
              state.sort = {
                column: column.sort,
                direction: active && direction === "asc" ? "desc" : "asc",
              };
              state.page = 1;
              load();
            },
          });
          return h(
            "th",
            { scope: "col", "aria-sort": direction ? (direction === "asc" ? "ascending" : "descending") : null },
            button,
          );
        }),
      ),
    );
  }

  async function load() {
    header();
    const params = {
      "pagination[page]": state.page,
      "pagination[limit]": state.limit,
      search: state.search,
      ...(filters ? filters() : {}),
    };
    if (state.sort) {
      params["sort[column]"] = state.sort.column;
      params["sort[direction]"] = state.sort.direction;
    }
    try {
      const result = await api("GET", url + query(params));
      const rows = result.data || [];
      tbody.replaceChildren(
        ...(rows.length
          ? rows.map((row) => h("tr", {}, columns.map((column) => h("td", { "data-label": column.label }, column.cell(row)))))
          : [h("tr", {}, h("td", { colspan: columns.length, text: empty || "Nothing here yet." }))]),
      );
      const p = result.pagination;
      status.textContent = `Page ${p.currentPage} of ${Math.max(1, p.totalPages)} · ${p.totalItems} in all`;
      prev.disabled = p.currentPage <= 1;
      next.disabled = p.currentPage >= p.totalPages;
    } catch (error) {
      failure(error.message);
    }
  }

  let timer = null;
  searchBox.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.search = searchBox.value.trim();
      state.page = 1;
      load();
    }, 250);
  });
  prev.addEventListener("click", () => {
    state.page -= 1;
    load();
  });
  next.addEventListener("click", () => {
    state.page += 1;
    load();
  });
  return { root, load };
}

// ---- shared pieces -------------------------------------------------------------------------------

/** Fetches a QR code (POST, so the link stays out of URLs and logs) and shows it as an image. */
async function qrImage(text) {
  const response = await fetch("/api/qr-code", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  if (!response.ok) return null;
  const url = URL.createObjectURL(await response.blob());
  return h("img.qr", { src: url, alt: "QR code of the link", width: 180, height: 180 });
}

/** A box that shows a one-time secret link with a copy button and its QR code. */
async function linkBox(container, title, link, extra) {
  const copy = h("button.secondary", {
    type: "button",
    text: "Copy link",
    onclick: async () => {
      await navigator.clipboard?.writeText(link).catch(() => {});
      copy.textContent = "Copied";
    },
  });
  const box = h(
    "div.secret",
    { role: "status" },
    h("p", {}, h("strong", { text: title })),
    h("p", {}, h("a", { href: link, "data-link": "", text: link })),
    h("div.actions", {}, copy, extra || null),
  );
  container.replaceChildren(box);
  const qr = await qrImage(link);
  if (qr) box.append(qr);
}

function claimsEditor(initial) {
  const rows = h("div.claims");
  const add = (key, value) => {
    const row = h(
      "div.claim-row",
      {},
      h("input", { type: "text", "aria-label": "Claim name", placeholder: "Claim", value: key || "", "data-claim-key": "" }),
      h("input", { type: "text", "aria-label": "Claim value", placeholder: "Value", value: value || "", "data-claim-value": "" }),
      h("button.danger", { type: "button", text: "Remove", onclick: () => row.remove() }),
    );
    rows.append(row);
  };
  for (const claim of initial || []) add(claim.key, claim.value);
  const root = h(
    "div",
    {},
    rows,
    h("div.actions", {}, h("button.secondary", { type: "button", id: "add-claim", text: "Add claim", onclick: () => add("", "") })),
  );
  const values = () =>
    [...rows.querySelectorAll(".claim-row")]
      .map((row) => ({
        key: row.querySelector("[data-claim-key]").value.trim(),
        value: row.querySelector("[data-claim-value]").value,
      }))
      .filter((claim) => claim.key || claim.value);
  return { root, values };
}

function claimsCard(initial, url) {
  const editor = claimsEditor(initial);
  const error = h("p.alert.error", { role: "alert" });
  const form = h("form", { id: "claims-form" }, editor.root, h("div.actions", {}, h("button", { type: "submit", text: "Save claims" })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const saved = await submitting(form, error, () => api("PUT", url, editor.values()));
    if (saved !== undefined) notice("Custom claims saved.");
  });
  return card("Custom claims", h("p.muted", { text: "Extra claims in the ID token and userinfo (profile scope)." }), form, error);
}

const TTLS = [
  ["1h", "1 hour"],
  ["12h", "12 hours"],
  ["24h", "1 day"],
  ["168h", "1 week"],
  ["720h", "1 month"],
];

function loginCodeCard(user) {
  const result = h("div");
  const error = h("p.alert.error", { role: "alert" });
  const form = h(
    "form",
    { id: "login-code-form" },
    select("ttl", "Valid for", TTLS, "1h"),
    h("div.actions", {}, h("button", { type: "submit", text: "Create login code" })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const created = await submitting(form, error, () =>
      api("POST", `/api/users/${encodeURIComponent(user.id)}/one-time-access-token`, { ttl: valueOf(form, "ttl") }),
    );
    if (!created) return;
    const link = `${window.location.origin}/lc/${created.token}`;
    const email = user.email
      ? h("button.secondary", {
          type: "button",
          text: "Send by email",
          onclick: async () => {
            try {
              await api("POST", `/api/users/${encodeURIComponent(user.id)}/one-time-access-email`, {});
              notice(`A login code was sent to ${user.email}.`);
            } catch (mailError) {
              error.textContent = mailError.message;
            }
          },
        })
      : null;
    await linkBox(result, `Login code for ${user.username}: ${created.token}`, link, email);
  });
  return card(
    "Login code",
    h("p.muted", { text: "A code that signs this user in once, for example to register a new passkey." }),
    form,
    error,
    result,
  );
}

/**
 * One image with an upload field and a remove button. exists() says whether there is an image to
 * show (a missing one answers 404).
 */
function imageEditor({ id, label, src, put, remove, removeLabel, method = "PUT", fromUrl }) {
  const img = h("img", { id: `${id}-image`, src, alt: label });
  img.addEventListener("error", () => (img.hidden = true));
  img.addEventListener("load", () => (img.hidden = false));
  const error = h("p.alert.error", { role: "alert" });
  const status = h("p.muted", { role: "status" });
  const input = h("input", { type: "file", id: `${id}-file`, accept: "image/png,image/jpeg,image/gif" });
  const done = (message) => {
    status.textContent = message;
    refreshImage(img);
  };
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    error.textContent = "";
    try {
      await upload(method, put, file);
      done(`${label} uploaded.`);
    } catch (e) {
      error.textContent = e.message;
    }
    input.value = "";
  });
  const controls = [h("label", { for: `${id}-file`, text: `Upload ${label.toLowerCase()} (PNG, JPEG or GIF, at most 2 MiB)` }), input];
  if (fromUrl) {
    const url = h("input", { type: "url", id: `${id}-url`, placeholder: "https://example.com/logo.png", "aria-label": `${label} URL` });
    controls.push(
      h(
        "div.row-actions",
        {},
        url,
        h("button.secondary", {
          type: "button",
          id: `${id}-fetch`,
          text: "Fetch from URL",
          onclick: async () => {
            error.textContent = "";
            try {
              await api(method, put, { url: url.value.trim() });
              done(`${label} fetched.`);
            } catch (e) {
              error.textContent = e.message;
            }
          },
        }),
      ),
    );
  }
  controls.push(
    h(
      "div.actions",
      {},
      h("button.secondary", {
        type: "button",
        id: `${id}-remove`,
        text: removeLabel || "Remove",
        onclick: async () => {
          error.textContent = "";
          try {
            await api("DELETE", remove);
            done(`${label} removed.`);
          } catch (e) {
            error.textContent = e.message;
          }
        },
      }),
    ),
  );
  return h("div.image-editor", {}, h("h3", { text: label }), h("div.image-row", {}, img, h("div", {}, controls)), error, status);
}

// ---- views ---------------------------------------------------------------------------------------

function userForm(user, onSubmit, submitLabel) {
  const u = user || {};
  const form = h(
    "form",
    { id: "user-form", novalidate: true },
    h(
      "div.row",
      {},
      field("firstName", "First name", { value: u.firstName || "", required: true, maxlength: 50, autocomplete: "off" }),
      field("lastName", "Last name", { value: u.lastName || "", maxlength: 50, autocomplete: "off" }),
    ),
    h(
      "div.row",
      {},
      field("displayName", "Display name", { value: u.displayName || "", maxlength: 100, autocomplete: "off" }),
      field("username", "Username", { value: u.username || "", required: true, maxlength: 50, autocomplete: "off" }),
    ),
    h(
      "div.row",
      {},
      field("email", "Email", { type: "email", value: u.email || "", autocomplete: "off" }),
      select("locale", "Language", [["", "Browser default"], ["en", "English"], ["de", "Deutsch"], ["fr", "Français"]], u.locale || ""),
    ),
    h("div.checks", {}, checkbox("isAdmin", "Administrator", u.isAdmin), user ? checkbox("disabled", "Disabled (cannot sign in)", u.disabled) : null),
    h("div.actions", {}, h("button", { type: "submit", text: submitLabel })),
  );
  const error = h("p.alert.error", { role: "alert" });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = {
      firstName: valueOf(form, "firstName"),
      lastName: valueOf(form, "lastName"),
      displayName: valueOf(form, "displayName"),
      username: valueOf(form, "username"),
      email: valueOf(form, "email"),
      locale: valueOf(form, "locale") || null,
      isAdmin: valueOf(form, "isAdmin"),
      disabled: user ? valueOf(form, "disabled") : false,
    };
    if (!data.displayName) data.displayName = `${data.firstName} ${data.lastName}`.trim();
    await submitting(form, error, () => onSubmit(data));
  });
  return { form, error };
}

async function usersView() {
  const list = listTable({
    url: "/api/users",
    label: "Users",
    defaultSort: { column: "username", direction: "asc" },
    columns: [
      { label: "Name", sort: "displayName", cell: (u) => h("a", { href: `/settings/admin/users/${encodeURIComponent(u.id)}`, text: u.displayName || u.username }) },
      { label: "Username", sort: "username", cell: (u) => u.username },
      { label: "Email", sort: "email", cell: (u) => u.email || "—" },
      {
        label: "Role",
        cell: (u) => h("span", {}, u.isAdmin ? h("span.badge", { text: "Admin" }) : "User", u.disabled ? h("span.badge.muted", { text: "Disabled" }) : null),
      },
      {
        label: "Actions",
        cell: (u) =>
          h(
            "div.row-actions",
            {},
            h("a.button.secondary", { href: `/settings/admin/users/${encodeURIComponent(u.id)}`, text: "Edit" }),
            h("button.secondary", {
              type: "button",
              "data-toggle-disabled": u.username,
              text: u.disabled ? "Enable" : "Disable",
              onclick: async () => {
                if (!u.disabled && !confirmed(`Disable ${u.username}? Their sessions end and their apps are signed out.`)) return;
                try {
                  await api("PUT", `/api/users/${encodeURIComponent(u.id)}`, { ...u, disabled: !u.disabled });
                  notice(`${u.username} is ${u.disabled ? "enabled" : "disabled"}.`);
                  list.load();
                } catch (error) {
                  failure(error.message);
                }
              },
            }),
            h("button.danger", {
              type: "button",
              "data-delete-user": u.username,
              text: "Delete",
              onclick: async () => {
                if (!confirmed(`Delete the user ${u.username}? This cannot be undone.`)) return;
                try {
                  await api("DELETE", `/api/users/${encodeURIComponent(u.id)}`);
                  notice(`${u.username} was deleted.`);
                  list.load();
                } catch (error) {
                  failure(error.message);
                }
              },
            }),
          ),
      },
    ],
  });
  const createBox = h("div", { hidden: true });
  const { form, error } = userForm(null, async (data) => {
    const created = await api("POST", "/api/users", data);
    noticeNext(`${created.username} was created. Create a login code so they can add a passkey.`);
    window.location.assign(`/settings/admin/users/${encodeURIComponent(created.id)}`);
  }, "Create user");
  createBox.append(card("Add a user", form, error));
  const addButton = h("button", {
    type: "button",
    id: "add-user",
    text: "Add user",
    "aria-expanded": "false",
    onclick: () => {
      createBox.hidden = !createBox.hidden;
      addButton.setAttribute("aria-expanded", String(!createBox.hidden));
      if (!createBox.hidden) form.querySelector("input").focus();
    },
  });
  view.append(h("div.actions", {}, addButton), createBox, card(null, list.root), await signupTokensCard());
  await list.load();
}

async function signupTokensCard() {
  const result = h("div");
  const error = h("p.alert.error", { role: "alert" });
  const tokens = listTable({
    url: "/api/signup-tokens",
    label: "Signup links",
    searchable: false,
    empty: "No signup links.",
    columns: [
      { label: "Created", sort: "createdAt", cell: (t) => when(t.createdAt) },
      { label: "Expires", sort: "expiresAt", cell: (t) => when(t.expiresAt) },
      { label: "Used", cell: (t) => `${t.usageCount} of ${t.usageLimit}` },
      {
        label: "Actions",
        cell: (t) =>
          h("button.danger", {
            type: "button",
            text: "Delete",
            onclick: async () => {
              if (!confirmed("Delete this signup link? Nobody can use it afterwards.")) return;
              try {
                await api("DELETE", `/api/signup-tokens/${encodeURIComponent(t.id)}`);
                notice("The signup link was deleted.");
                tokens.load();
              } catch (e) {
                failure(e.message);
              }
            },
          }),
      },
    ],
  });
  const form = h(
    "form",
    { id: "signup-token-form" },
    h(
      "div.row",
      {},
      select("signupTtl", "Valid for", TTLS, "168h"),
      field("usageLimit", "Number of signups", { type: "number", min: 1, max: 100, value: 1, required: true }),
    ),
    h("div.actions", {}, h("button", { type: "submit", text: "Create signup link" })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const created = await submitting(form, error, () =>
      api("POST", "/api/signup-tokens", { ttl: valueOf(form, "signupTtl"), usageLimit: Number(valueOf(form, "usageLimit")) }),
    );
    if (!created) return;
    await linkBox(result, "Signup link (shown once)", `${window.location.origin}/st/${created.token}`);
    tokens.load();
  });
  const section = card(
    "Signup links",
    h("p.muted", { text: "Invite people to create their own account (when signup with a link is enabled)." }),
    form,
    error,
    result,
    tokens.root,
  );
  tokens.load();
  return section;
}

async function userView(id) {
  let user;
  try {
    user = await api("GET", `/api/users/${encodeURIComponent(id)}`);
  } catch (error) {
    failure(error.message);
    return;
  }
  document.getElementById("view-title").textContent = user.displayName || user.username;
  document.title = `${user.displayName || user.username} · ${document.title.split(" · ").pop()}`;
  const { form, error } = userForm(user, async (data) => {
    user = await api("PUT", `/api/users/${encodeURIComponent(id)}`, data);
    notice("The user was saved.");
  }, "Save");
  const groups = await api("GET", "/api/user-groups" + query({ "pagination[limit]": 100, "sort[column]": "friendlyName" }));
  const member = new Set((user.userGroups || []).map((g) => g.id));
  const groupForm = h(
    "form",
    { id: "user-groups-form" },
    groups.data.length
      ? h("div.checks", {}, groups.data.map((g) => checkbox(`group-${g.id}`, g.friendlyName, member.has(g.id))))
      : h("p.muted", {}, "No groups yet. ", h("a", { href: "/settings/admin/user-groups", text: "Create one" }), "."),
    h("div.actions", {}, h("button", { type: "submit", text: "Save groups" })),
  );
  const groupError = h("p.alert.error", { role: "alert" });
  groupForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = groups.data.filter((g) => groupForm.elements.namedItem(`group-${g.id}`).checked).map((g) => g.id);
    const saved = await submitting(groupForm, groupError, () =>
      api("PUT", `/api/users/${encodeURIComponent(id)}/user-groups`, { userGroupIds: ids }),
    );
    if (saved) notice("Group membership saved.");
  });
  const remove = h("button.danger", {
    type: "button",
    id: "delete-user",
    text: "Delete user",
    onclick: async () => {
      if (!confirmed(`Delete the user ${user.username}? This cannot be undone.`)) return;
      try {
        await api("DELETE", `/api/users/${encodeURIComponent(id)}`);
        noticeNext(`${user.username} was deleted.`);
        window.location.assign("/settings/admin/users");
      } catch (e) {
        failure(e.message);
      }
    },
  });
  view.append(
    h("p", {}, h("a", { href: "/settings/admin/users", text: "← All users" })),
    card("Details", form, error),
    card(
      null,
      imageEditor({
        id: "picture",
        label: "Profile picture",
        src: `/api/users/${encodeURIComponent(id)}/profile-picture.png`,
        put: `/api/users/${encodeURIComponent(id)}/profile-picture`,
        remove: `/api/users/${encodeURIComponent(id)}/profile-picture`,
        removeLabel: "Use the default picture",
      }),
    ),
    loginCodeCard(user),
    card("Groups", groupForm, groupError),
    claimsCard(user.customClaims, `/api/custom-claims/user/${encodeURIComponent(id)}`),
    card("Danger zone", h("div.actions", {}, remove)),
  );
}

async function groupsView() {
  const list = listTable({
    url: "/api/user-groups",
    label: "User groups",
    defaultSort: { column: "friendlyName", direction: "asc" },
    empty: "No groups yet.",
    columns: [
      { label: "Name", sort: "friendlyName", cell: (g) => h("a", { href: `/settings/admin/user-groups/${encodeURIComponent(g.id)}`, text: g.friendlyName }) },
      { label: "Claim value", sort: "name", cell: (g) => h("code", { text: g.name }) },
      { label: "Members", cell: (g) => String(g.userCount) },
      {
        label: "Actions",
        cell: (g) =>
          h("button.danger", {
            type: "button",
            text: "Delete",
            onclick: async () => {
              if (!confirmed(`Delete the group ${g.friendlyName}? Clients restricted to it lose it.`)) return;
              try {
                await api("DELETE", `/api/user-groups/${encodeURIComponent(g.id)}`);
                notice(`${g.friendlyName} was deleted.`);
                list.load();
              } catch (e) {
                failure(e.message);
              }
            },
          }),
      },
    ],
  });
  const error = h("p.alert.error", { role: "alert" });
  const form = groupForm(null, async (data) => {
    const created = await api("POST", "/api/user-groups", data);
    noticeNext(`The group ${created.friendlyName} was created.`);
    window.location.assign(`/settings/admin/user-groups/${encodeURIComponent(created.id)}`);
  }, error, "Create group");
  view.append(card("Add a group", form, error), card(null, list.root));
  await list.load();
}

function groupForm(group, onSubmit, error, submitLabel) {
  const form = h(
    "form",
    { id: "group-form", novalidate: true },
    h(
      "div.row",
      {},
      field("friendlyName", "Friendly name", { value: group ? group.friendlyName : "", required: true, maxlength: 255 }),
      field("name", "Name", { value: group ? group.name : "", required: true, maxlength: 255, pattern: "[a-z0-9_-]+" }),
    ),
    h("p.muted", { text: "The name is the value in the groups claim: lower-case letters, digits, _ and -." }),
    h("div.actions", {}, h("button", { type: "submit", text: submitLabel })),
  );
  const friendly = form.elements.namedItem("friendlyName");
  const name = form.elements.namedItem("name");
  let touched = !!group;
  name.addEventListener("input", () => (touched = true));
  friendly.addEventListener("input", () => {
    if (!touched) name.value = friendly.value.toLowerCase().replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await submitting(form, error, () => onSubmit({ friendlyName: valueOf(form, "friendlyName"), name: valueOf(form, "name") }));
  });
  return form;
}

async function groupView(id) {
  let group;
  try {
    group = await api("GET", `/api/user-groups/${encodeURIComponent(id)}`);
  } catch (error) {
    failure(error.message);
    return;
  }
  document.getElementById("view-title").textContent = group.friendlyName;
  const error = h("p.alert.error", { role: "alert" });
  const form = groupForm(group, async (data) => {
    group = await api("PUT", `/api/user-groups/${encodeURIComponent(id)}`, data);
    document.getElementById("view-title").textContent = group.friendlyName;
    notice("The group was saved.");
  }, error, "Save");
  const members = new Set((group.users || []).map((u) => u.id));
  const users = await api("GET", "/api/users" + query({ "pagination[limit]": 100, "sort[column]": "username" }));
  const filter = h("input", { type: "search", "aria-label": "Filter users", placeholder: "Filter users…" });
  const boxes = h(
    "div.checks.members",
    {},
    users.data.map((u) => h("div", { "data-member": `${u.username} ${u.displayName} ${u.email || ""}`.toLowerCase() }, checkbox(`member-${u.id}`, `${u.displayName} (${u.username})`, members.has(u.id)))),
  );
  filter.addEventListener("input", () => {
    const text = filter.value.trim().toLowerCase();
    for (const row of boxes.children) row.hidden = text && !row.dataset.member.includes(text);
  });
  const memberForm = h("form", { id: "members-form" }, filter, boxes, h("div.actions", {}, h("button", { type: "submit", text: "Save members" })));
  const memberError = h("p.alert.error", { role: "alert" });
  memberForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = users.data.filter((u) => memberForm.elements.namedItem(`member-${u.id}`).checked).map((u) => u.id);
    const saved = await submitting(memberForm, memberError, () => api("PUT", `/api/user-groups/${encodeURIComponent(id)}/users`, { userIds: ids }));
    if (saved) notice("Members saved.");
  });
  const remove = h("button.danger", {
    type: "button",
    text: "Delete group",
    onclick: async () => {
      if (!confirmed(`Delete the group ${group.friendlyName}?`)) return;
      try {
        await api("DELETE", `/api/user-groups/${encodeURIComponent(id)}`);
        noticeNext(`${group.friendlyName} was deleted.`);
        window.location.assign("/settings/admin/user-groups");
      } catch (e) {
        failure(e.message);
      }
    },
  });
  view.append(
    h("p", {}, h("a", { href: "/settings/admin/user-groups", text: "← All groups" })),
    card("Details", form, error),
    card("Members", memberForm, memberError),
    claimsCard(group.customClaims, `/api/custom-claims/user-group/${encodeURIComponent(id)}`),
    card("Danger zone", h("div.actions", {}, remove)),
  );
}

async function appsView() {
  const authorized = new Map();
  try {
    const consents = await api("GET", "/api/oidc/users/me/authorized-clients" + query({ "pagination[limit]": 100 }));
    for (const consent of consents.data) authorized.set(consent.client.id, consent);
  } catch (error) {
    failure(error.message);
  }
  const grid = h("ul.apps");
  const load = async () => {
    const clients = await api("GET", "/api/oidc/users/me/clients" + query({ "pagination[limit]": 100, "sort[column]": "name" }));
    grid.replaceChildren(
      ...clients.data.map((client) => {
        const consent = authorized.get(client.id);
        const initial = (client.name || "?").trim().charAt(0).toUpperCase();
        return h(
          "li.card.app",
          { "data-client": client.name },
          h("div.app-logo", { "aria-hidden": "true", text: initial }),
          h(
            "div",
            {},
            h("h2", {}, client.launchURL ? h("a", { href: client.launchURL, rel: "noopener", text: client.name }) : client.name),
            h("p.muted", { text: `Last used: ${when(client.lastUsedAt)}` }),
            consent
              ? h("button.danger", {
                  type: "button",
                  "data-revoke": client.name,
                  text: "Revoke access",
                  onclick: async () => {
                    if (!confirmed(`Revoke ${client.name}'s access? It will have to ask you again, and its sessions end.`)) return;
                    try {
                      await api("DELETE", `/api/oidc/users/me/authorized-clients/${encodeURIComponent(client.id)}`);
                      authorized.delete(client.id);
                      notice(`${client.name} no longer has access.`);
                      load();
                    } catch (e) {
                      failure(e.message);
                    }
                  },
                })
              : null,
          ),
        );
      }),
    );
    if (!clients.data.length) grid.append(h("li.muted", { text: "No apps are available to you yet." }));
  };
  view.append(grid);
  await load();
}

async function apiKeysView() {
  const result = h("div");
  const error = h("p.alert.error", { role: "alert" });
  const list = listTable({
    url: "/api/api-keys",
    label: "API keys",
    searchable: false,
    defaultSort: { column: "createdAt", direction: "desc" },
    empty: "No API keys.",
    columns: [
      { label: "Name", sort: "name", cell: (k) => h("span", {}, h("strong", { text: k.name }), k.description ? h("div.muted", { text: k.description }) : null) },
      { label: "Expires", sort: "expiresAt", cell: (k) => when(k.expiresAt) },
      { label: "Last used", sort: "lastUsedAt", cell: (k) => when(k.lastUsedAt) },
      {
        label: "Actions",
        cell: (k) =>
          h("button.danger", {
            type: "button",
            "data-revoke-key": k.name,
            text: "Revoke",
            onclick: async () => {
              if (!confirmed(`Revoke the API key ${k.name}? Scripts using it stop working.`)) return;
              try {
                await api("DELETE", `/api/api-keys/${encodeURIComponent(k.id)}`);
                notice(`The API key ${k.name} was revoked.`);
                list.load();
              } catch (e) {
                failure(e.message);
              }
            },
          }),
      },
    ],
  });
  const tomorrow = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  const form = h(
    "form",
    { id: "api-key-form", novalidate: true },
    h("div.row", {}, field("name", "Name", { required: true, minlength: 3, maxlength: 50 }), field("expiresAt", "Expires on", { type: "date", value: tomorrow, required: true })),
    field("description", "Description", { maxlength: 500 }),
    h("div.actions", {}, h("button", { type: "submit", text: "Create API key" })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const day = valueOf(form, "expiresAt");
    const created = await submitting(form, error, () =>
      api("POST", "/api/api-keys", {
        name: valueOf(form, "name"),
        description: valueOf(form, "description"),
        expiresAt: day ? new Date(`${day}T23:59:59`).toISOString() : null,
      }),
    );
    if (!created) return;
    form.reset();
    result.replaceChildren(
      h(
        "div.secret",
        { role: "status" },
        h("p", {}, h("strong", { text: "Your new API key (shown once — copy it now):" })),
        h("p", {}, h("code", { id: "api-key-token", text: created.token })),
        h("p.muted", { text: "Send it in the X-API-KEY header." }),
      ),
    );
    list.load();
  });
  view.append(card("Create an API key", form, error, result), card(null, list.root));
  await list.load();
}

const LOCATIONS = [
  ["", "Any location"],
  ["internal", "Internal network"],
  ["external", "External"],
];

function auditColumns(withUser) {
  return [
    { label: "Time", sort: "createdAt", cell: (e) => when(e.createdAt) },
    withUser ? { label: "User", cell: (e) => e.username || "—" } : null,
    { label: "Event", sort: "event", cell: (e) => h("span.badge", { text: e.event }) },
    { label: "Client", cell: (e) => (e.data && e.data.clientName) || "—" },
    { label: "Location", cell: (e) => [e.city, e.country].filter(Boolean).join(", ") || e.ipAddress || "—" },
    { label: "Device", cell: (e) => e.device || "—" },
  ].filter(Boolean);
}

async function auditLogView() {
  const list = listTable({
    url: "/api/audit-logs",
    label: "Audit log",
    searchable: false,
    defaultSort: { column: "createdAt", direction: "desc" },
    columns: auditColumns(false),
  });
  view.append(card(null, list.root));
  await list.load();
}

async function globalAuditLogView() {
  const [users, clients] = await Promise.all([
    api("GET", "/api/audit-logs/filters/users"),
    api("GET", "/api/audit-logs/filters/client-names"),
  ]);
  const filters = h(
    "form.row.filters",
    { id: "audit-filters" },
    select("userId", "User", [["", "All users"], ...Object.entries(users).sort((a, b) => a[1].localeCompare(b[1]))], ""),
    select("event", "Event", [["", "All events"], ...AUDIT_EVENTS.map((e) => [e, e])], ""),
    select("clientName", "Client", [["", "All clients"], ...clients.map((c) => [c, c])], ""),
    select("location", "Location", LOCATIONS, ""),
  );
  const list = listTable({
    url: "/api/audit-logs/all",
    label: "Global audit log",
    searchable: false,
    defaultSort: { column: "createdAt", direction: "desc" },
    columns: auditColumns(true),
    filters: () => ({
      "filters[userId]": valueOf(filters, "userId"),
      "filters[event]": valueOf(filters, "event"),
      "filters[clientName]": valueOf(filters, "clientName"),
      "filters[location]": valueOf(filters, "location"),
    }),
  });
  filters.addEventListener("change", () => list.load());
  view.append(card("Filters", filters), card(null, list.root));
  await list.load();
}

// ---- OIDC clients --------------------------------------------------------------------------------

function lines(text) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

function textarea(id, label, value, hint) {
  return h(
    "div",
    {},
    h("label", { for: id, text: label }),
    h("textarea", { id, name: id, rows: 3, spellcheck: "false", text: value || "" }),
    hint ? h("p.muted.hint", { text: hint }) : null,
  );
}

function identitiesEditor(initial) {
  const rows = h("div.identities");
  const add = (identity) => {
    const i = identity || {};
    const row = h(
      "div.identity-row",
      {},
      h("input", { type: "text", "aria-label": "Issuer", placeholder: "Issuer", value: i.issuer || "", "data-issuer": "" }),
      h("input", { type: "text", "aria-label": "Subject", placeholder: "Subject (default: client id)", value: i.subject || "", "data-subject": "" }),
      h("input", { type: "text", "aria-label": "Audience", placeholder: "Audience (default: this server)", value: i.audience || "", "data-audience": "" }),
      h("input", { type: "text", "aria-label": "JWKS URL", placeholder: "JWKS URL (default: issuer's)", value: i.jwks || "", "data-jwks": "" }),
      h("button.danger", { type: "button", text: "Remove", onclick: () => row.remove() }),
    );
    rows.append(row);
  };
  for (const identity of initial || []) add(identity);
  return {
    root: h("div", {}, rows, h("button.secondary", { type: "button", text: "Add federated identity", onclick: () => add(null) })),
    values: () =>
      [...rows.querySelectorAll(".identity-row")]
        .map((row) => ({
          issuer: row.querySelector("[data-issuer]").value.trim(),
          subject: row.querySelector("[data-subject]").value.trim(),
          audience: row.querySelector("[data-audience]").value.trim(),
          jwks: row.querySelector("[data-jwks]").value.trim(),
        }))
        .filter((identity) => identity.issuer || identity.subject || identity.audience || identity.jwks),
  };
}

function clientForm(client, onSubmit, submitLabel) {
  const c = client || { credentials: { federatedIdentities: [] } };
  const identities = identitiesEditor(c.credentials && c.credentials.federatedIdentities);
  const form = h(
    "form",
    { id: "client-form", novalidate: true },
    h(
      "div.row",
      {},
      field("name", "Name", { value: c.name || "", required: true, maxlength: 50 }),
      client
        ? h("div", {}, h("label", { text: "Client ID" }), h("code.block", { id: "client-id", text: c.id }))
        : field("id", "Client ID (optional)", { maxlength: 128, placeholder: "Generated when empty" }),
    ),
    textarea("callbackURLs", "Callback URLs", (c.callbackURLs || []).join("\n"), "One per line. Exact match; * matches one path segment or subdomain label."),
    textarea("logoutCallbackURLs", "Logout callback URLs", (c.logoutCallbackURLs || []).join("\n"), "One per line: where the client may send people after signing out."),
    h(
      "div.row",
      {},
      field("launchURL", "Launch URL", { type: "url", value: c.launchURL || "", placeholder: "https://app.example.com" }),
      field("backchannelLogoutURL", "Back-channel logout URL", { type: "url", value: c.backchannelLogoutURL || "" }),
    ),
    h(
      "div.checks",
      {},
      checkbox("isPublic", "Public client (no secret, PKCE required)", c.isPublic),
      checkbox("pkceEnabled", "Require PKCE", c.pkceEnabled),
      checkbox("requiresReauthentication", "Require a fresh passkey for each sign-in", c.requiresReauthentication),
    ),
    h("h3", { text: "Federated identities" }),
    h("p.muted", { text: "Workloads that authenticate with a JWT from another issuer instead of a secret." }),
    identities.root,
    h("div.actions", {}, h("button", { type: "submit", text: submitLabel })),
  );
  const error = h("p.alert.error", { role: "alert" });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = {
      name: valueOf(form, "name"),
      callbackURLs: lines(form.elements.namedItem("callbackURLs").value),
      logoutCallbackURLs: lines(form.elements.namedItem("logoutCallbackURLs").value),
      launchURL: valueOf(form, "launchURL") || null,
      backchannelLogoutURL: valueOf(form, "backchannelLogoutURL") || null,
      isPublic: valueOf(form, "isPublic"),
      pkceEnabled: valueOf(form, "pkceEnabled"),
      requiresReauthentication: valueOf(form, "requiresReauthentication"),
      credentials: { federatedIdentities: identities.values() },
    };
    if (!client && valueOf(form, "id")) data.id = valueOf(form, "id");
    await submitting(form, error, () => onSubmit(data));
  });
  return { form, error };
}

function secretBox(container, secret, next) {
  container.replaceChildren(
    h(
      "div.secret",
      { role: "status" },
      h("p", {}, h("strong", { text: "Client secret (shown once — copy it now):" })),
      h("p", {}, h("code", { id: "client-secret", text: secret })),
      h(
        "div.actions",
        {},
        h("button.secondary", {
          type: "button",
          text: "Copy secret",
          onclick: (event) => {
            navigator.clipboard?.writeText(secret).catch(() => {});
            event.target.textContent = "Copied";
          },
        }),
        next || null,
      ),
    ),
  );
}

async function clientsView() {
  const list = listTable({
    url: "/api/oidc/clients",
    label: "OIDC clients",
    defaultSort: { column: "name", direction: "asc" },
    empty: "No clients yet.",
    columns: [
      { label: "Name", sort: "name", cell: (c) => h("a", { href: `/settings/admin/oidc-clients/${encodeURIComponent(c.id)}`, text: c.name }) },
      { label: "Client ID", cell: (c) => h("code", { text: c.id }) },
      { label: "Type", cell: (c) => (c.isPublic ? "Public" : "Confidential") },
      { label: "Groups", cell: (c) => (c.allowedUserGroupsCount ? String(c.allowedUserGroupsCount) : "Everyone") },
      { label: "Created", sort: "createdAt", cell: (c) => when(c.createdAt) },
    ],
  });
  const createBox = h("div", { hidden: true });
  const result = h("div");
  const { form, error } = clientForm(null, async (data) => {
    const created = await api("POST", "/api/oidc/clients", data);
    const page = `/settings/admin/oidc-clients/${encodeURIComponent(created.id)}`;
    if (created.isPublic) {
      noticeNext(`The client ${created.name} was created.`);
      window.location.assign(page);
      return;
    }
    const { secret } = await api("POST", `/api/oidc/clients/${encodeURIComponent(created.id)}/secret`);
    form.hidden = true;
    notice(`The client ${created.name} was created.`);
    secretBox(result, secret, h("a.button", { href: page, id: "continue", text: "Continue to the client" }));
    list.load();
  }, "Create client");
  createBox.append(card("Add a client", form, error, result));
  const addButton = h("button", {
    type: "button",
    id: "add-client",
    text: "Add client",
    "aria-expanded": "false",
    onclick: () => {
      createBox.hidden = !createBox.hidden;
      addButton.setAttribute("aria-expanded", String(!createBox.hidden));
      if (!createBox.hidden) form.querySelector("input").focus();
    },
  });
  view.append(h("div.actions", {}, addButton), createBox, card(null, list.root));
  await list.load();
}

async function endpointsCard() {
  const discovery = await api("GET", "/.well-known/openid-configuration");
  const entries = [
    ["Issuer", discovery.issuer],
    ["Discovery URL", `${discovery.issuer}/.well-known/openid-configuration`],
    ["Authorization", discovery.authorization_endpoint],
    ["Token", discovery.token_endpoint],
    ["Userinfo", discovery.userinfo_endpoint],
    ["End session", discovery.end_session_endpoint],
    ["JWKS", discovery.jwks_uri],
    ["Introspection", discovery.introspection_endpoint],
    ["Revocation", discovery.revocation_endpoint],
    ["Device authorization", discovery.device_authorization_endpoint],
    ["Pushed authorization", discovery.pushed_authorization_request_endpoint],
  ].filter(([, value]) => value);
  return card(
    "Endpoints",
    h(
      "dl.endpoints",
      {},
      entries.map(([label, value]) => [
        h("dt", { text: label }),
        h(
          "dd",
          {},
          h("code", { text: value }),
          h("button.secondary.small", {
            type: "button",
            "aria-label": `Copy the ${label} URL`,
            text: "Copy",
            onclick: (event) => {
              navigator.clipboard?.writeText(value).catch(() => {});
              event.target.textContent = "Copied";
            },
          }),
        ),
      ]),
    ),
  );
}

async function previewCard(clientId) {
  const users = await api("GET", "/api/users" + query({ "pagination[limit]": 100, "sort[column]": "username" }));
  const output = h("div.preview");
  const error = h("p.alert.error", { role: "alert" });
  const form = h(
    "form",
    { id: "preview-form" },
    h(
      "div.row",
      {},
      select("previewUser", "User", users.data.map((u) => [u.id, `${u.displayName} (${u.username})`]), users.data.length ? users.data[0].id : ""),
      h(
        "div",
        {},
        h("span.label", { text: "Scopes" }),
        h("div.checks", {}, ["profile", "email", "groups"].map((scope) => checkbox(`scope-${scope}`, scope, true))),
      ),
    ),
    h("div.actions", {}, h("button.secondary", { type: "submit", text: "Show claims" })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const scopes = ["openid", ...["profile", "email", "groups"].filter((s) => valueOf(form, `scope-${s}`))].join(" ");
    const result = await submitting(form, error, () =>
      api("GET", `/api/oidc/clients/${encodeURIComponent(clientId)}/preview/${encodeURIComponent(valueOf(form, "previewUser"))}` + query({ scopes })),
    );
    if (!result) {
      output.replaceChildren();
      return;
    }
    output.replaceChildren(
      ...[
        ["ID token", result.idToken, "preview-id-token"],
        ["Access token", result.accessToken, "preview-access-token"],
        ["Userinfo", result.userInfo, "preview-userinfo"],
      ].map(([title, claims, id]) => h("div", {}, h("h3", { text: title }), h("pre", { id, text: JSON.stringify(claims, null, 2) }))),
    );
  });
  return card("Preview", h("p.muted", { text: "The claims this client would receive for a user (nothing is signed or stored)." }), form, error, output);
}

async function clientView(id) {
  let client;
  try {
    client = await api("GET", `/api/oidc/clients/${encodeURIComponent(id)}`);
  } catch (error) {
    failure(error.message);
    return;
  }
  const title = document.getElementById("view-title");
  title.textContent = client.name;
  const { form, error } = clientForm(client, async (data) => {
    client = await api("PUT", `/api/oidc/clients/${encodeURIComponent(id)}`, data);
    title.textContent = client.name;
    notice("The client was saved.");
  }, "Save");

  const secretResult = h("div");
  const secretCard = card(
    "Client secret",
    h("p.muted", { text: "Only a hash is stored. A new secret replaces the old one at once." }),
    h(
      "div.actions",
      {},
      h("button.secondary", {
        type: "button",
        id: "regenerate-secret",
        text: "Create a new secret",
        onclick: async () => {
          if (!confirmed("Create a new secret? The current secret stops working at once.")) return;
          try {
            const { secret } = await api("POST", `/api/oidc/clients/${encodeURIComponent(id)}/secret`);
            secretBox(secretResult, secret);
          } catch (e) {
            failure(e.message);
          }
        },
      }),
    ),
    secretResult,
  );

  const groups = await api("GET", "/api/user-groups" + query({ "pagination[limit]": 100, "sort[column]": "friendlyName" }));
  const allowed = new Set((client.allowedUserGroups || []).map((g) => g.id));
  const groupForm = h(
    "form",
    { id: "allowed-groups-form" },
    h("p.muted", { text: "When no group is chosen, every user may use this client." }),
    groups.data.length
      ? h("div.checks", {}, groups.data.map((g) => checkbox(`allowed-${g.id}`, g.friendlyName, allowed.has(g.id))))
      : h("p.muted", {}, "No groups yet. ", h("a", { href: "/settings/admin/user-groups", text: "Create one" }), "."),
    h("div.actions", {}, h("button", { type: "submit", text: "Save allowed groups" })),
  );
  const groupError = h("p.alert.error", { role: "alert" });
  groupForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = groups.data.filter((g) => groupForm.elements.namedItem(`allowed-${g.id}`).checked).map((g) => g.id);
    const saved = await submitting(groupForm, groupError, () =>
      api("PUT", `/api/oidc/clients/${encodeURIComponent(id)}/allowed-user-groups`, { userGroupIds: ids }),
    );
    if (saved) notice(ids.length ? "Only members of the chosen groups may use this client now." : "Every user may use this client now.");
  });

  const remove = h("button.danger", {
    type: "button",
    id: "delete-client",
    text: "Delete client",
    onclick: async () => {
      if (!confirmed(`Delete the client ${client.name}? Its codes, tokens and consents are deleted with it.`)) return;
      try {
        await api("DELETE", `/api/oidc/clients/${encodeURIComponent(id)}`);
        noticeNext(`${client.name} was deleted.`);
        window.location.assign("/settings/admin/oidc-clients");
      } catch (e) {
        failure(e.message);
      }
    },
  });
  view.append(
    h("p", {}, h("a", { href: "/settings/admin/oidc-clients", text: "← All clients" })),
    await endpointsCard(),
    card("Settings", form, error),
    card(
      "Logo",
      ["light", "dark"].map((variant) => {
        const logo = `/api/oidc/clients/${encodeURIComponent(id)}/logo?light=${variant === "light"}`;
        return imageEditor({
          id: `logo-${variant}`,
          label: variant === "light" ? "Light logo" : "Dark logo",
          src: logo,
          put: logo,
          remove: logo,
          method: "POST",
          fromUrl: true,
        });
      }),
    ),
    client.isPublic ? null : secretCard,
    card("Allowed user groups", groupForm, groupError),
    await previewCard(id),
    card("Danger zone", h("div.actions", {}, remove)),
  );
}

// ---- application configuration -----------------------------------------------------------------

const SETTINGS = [
  {
    title: "General",
    id: "general",
    fields: [
      ["appName", "Application name", "text", { maxlength: 30, required: true }],
      ["sessionDuration", "Session duration (minutes)", "number", { min: 1 }],
      ["accentColor", "Accent colour", "text", { placeholder: "default, #1f4fd1 or oklch(…)" }],
      ["emailsVerified", "Mark email addresses as verified (email_verified claim)", "bool"],
      ["allowOwnAccountEdit", "Users may edit their own name, username and email", "bool"],
      ["requireUserEmail", "An email address is required for every user", "bool"],
      ["disableAnimations", "Disable animations", "bool"],
    ],
  },
  {
    title: "User creation",
    id: "signup",
    fields: [
      ["allowUserSignups", "Signups", "select", { options: [["disabled", "Disabled: admins create accounts"], ["withToken", "With a signup link"], ["open", "Open to anyone"]] }],
      ["signupDefaultUserGroupIDs", "Groups for new users", "groups"],
      ["signupDefaultCustomClaims", "Custom claims for new users", "claims"],
    ],
  },
  {
    title: "Email",
    id: "email",
    fields: [
      ["smtpHost", "SMTP host", "text"],
      ["smtpPort", "SMTP port", "number", { min: 1, max: 65535 }],
      ["smtpFrom", "Sender address", "email"],
      ["smtpUser", "SMTP user", "text", { autocomplete: "off" }],
      ["smtpPassword", "SMTP password", "password", { autocomplete: "new-password" }],
      ["smtpTls", "TLS", "select", { options: [["none", "None"], ["starttls", "STARTTLS"], ["tls", "TLS"]] }],
      ["smtpSkipCertVerify", "Skip certificate verification (not recommended)", "bool"],
      ["emailLoginNotificationEnabled", "Email a user when they sign in from a new device", "bool"],
      ["emailOneTimeAccessAsUnauthenticatedEnabled", "People may ask for a login code by email on the sign-in page", "bool"],
      ["emailOneTimeAccessAsAdminEnabled", "Admins may email login codes to users", "bool"],
      ["emailApiKeyExpirationEnabled", "Remind users by email before their API keys expire", "bool"],
    ],
  },
  {
    title: "LDAP",
    id: "ldap",
    note: "Stored and validated; the LDAP synchronisation itself is not part of this release yet.",
    fields: [
      ["ldapEnabled", "LDAP enabled", "bool"],
      ["ldapUrl", "URL", "text", { placeholder: "ldaps://ldap.example.com" }],
      ["ldapBindDn", "Bind DN", "text"],
      ["ldapBindPassword", "Bind password", "password", { autocomplete: "new-password" }],
      ["ldapBase", "Base DN", "text"],
      ["ldapUserSearchFilter", "User search filter", "text"],
      ["ldapUserGroupSearchFilter", "Group search filter", "text"],
      ["ldapSkipCertVerify", "Skip certificate verification", "bool"],
      ["ldapAttributeUserUniqueIdentifier", "User unique identifier attribute", "text"],
      ["ldapAttributeUserUsername", "Username attribute", "text"],
      ["ldapAttributeUserEmail", "Email attribute", "text"],
      ["ldapAttributeUserFirstName", "First name attribute", "text"],
      ["ldapAttributeUserLastName", "Last name attribute", "text"],
      ["ldapAttributeUserDisplayName", "Display name attribute", "text"],
      ["ldapAttributeUserProfilePicture", "Profile picture attribute", "text"],
      ["ldapAttributeGroupMember", "Group member attribute", "text"],
      ["ldapAttributeGroupUniqueIdentifier", "Group unique identifier attribute", "text"],
      ["ldapAttributeGroupName", "Group name attribute", "text"],
      ["ldapAttributeAdminGroup", "Admin group name", "text"],
      ["ldapSoftDeleteUsers", "Disable (not delete) users removed from LDAP", "bool"],
    ],
  },
];

function parseJsonArray(text) {
  try {
    const value = JSON.parse(text || "[]");
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

async function appConfigView() {
  const readOnly = view.dataset.readOnly === "true";
  const entries = await api("GET", "/api/application-configuration/all");
  const values = Object.fromEntries(entries.map((e) => [e.key, e.value]));
  const groups = await api("GET", "/api/user-groups" + query({ "pagination[limit]": 100, "sort[column]": "friendlyName" }));
  if (readOnly) {
    view.append(h("p.alert.warning", { role: "status", text: "These settings come from the environment (UI_CONFIG_DISABLED=true) and can only be changed there." }));
  }
  for (const section of SETTINGS) {
    const error = h("p.alert.error", { role: "alert" });
    const readers = [];
    const form = h("form", { id: `settings-${section.id}`, novalidate: true });
    if (section.note) form.append(h("p.muted", { text: section.note }));
    const grid = h("div.settings-grid");
    const checks = h("div.settings-checks");
    for (const [key, label, kind, extra = {}] of section.fields) {
      const value = values[key] ?? "";
      if (kind === "bool") {
        checks.append(checkbox(key, label, value === "true"));
        readers.push(() => [key, form.elements.namedItem(key).checked ? "true" : "false"]);
      } else if (kind === "select") {
        grid.append(select(key, label, extra.options, value));
        readers.push(() => [key, form.elements.namedItem(key).value]);
      } else if (kind === "groups") {
        const chosen = new Set(parseJsonArray(value));
        form.append(
          h("span.label", { text: label }),
          groups.data.length
            ? h("div.checks", {}, groups.data.map((g) => checkbox(`default-group-${g.id}`, g.friendlyName, chosen.has(g.id))))
            : h("p.muted", { text: "No groups yet." }),
        );
        readers.push(() => [key, JSON.stringify(groups.data.filter((g) => form.elements.namedItem(`default-group-${g.id}`).checked).map((g) => g.id))]);
      } else if (kind === "claims") {
        const editor = claimsEditor(parseJsonArray(value));
        form.append(h("span.label", { text: label }), editor.root);
        readers.push(() => [key, JSON.stringify(editor.values())]);
      } else {
        grid.append(field(key, label, { type: kind, value, ...extra }));
        readers.push(() => [key, form.elements.namedItem(key).value]);
      }
    }
    form.prepend(grid, checks);
    if (!readOnly) form.append(h("div.actions", {}, h("button", { type: "submit", text: `Save ${section.title.toLowerCase()} settings` })));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = Object.fromEntries(readers.map((read) => read()));
      const saved = await submitting(form, error, () => api("PUT", "/api/application-configuration", changes));
      if (saved) {
        noticeNext(`${section.title} settings saved.`);
        window.location.reload();
      }
    });
    if (readOnly) for (const input of form.querySelectorAll("input, select, textarea, button")) input.disabled = true;
    const extras = [];
    if (section.id === "email" && !readOnly) extras.push(testEmailButton());
    view.append(card(section.title, form, error, ...extras));
  }
  if (!readOnly) view.append(imagesCard());
}

function imagesCard() {
  const images = [
    ["logo-light", "Logo (light)", "logo?light=true"],
    ["logo-dark", "Logo (dark)", "logo?light=false"],
    ["background", "Background image", "background"],
    ["favicon", "Favicon", "favicon"],
    ["default-profile-picture", "Default profile picture", "default-profile-picture"],
  ];
  return card(
    "Images",
    h("p.muted", { text: "Uploads are decoded and stored as PNG; pages pick up a change at once." }),
    images.map(([id, label, path]) =>
      imageEditor({
        id: `app-${id}`,
        label,
        src: `/api/application-images/${path}`,
        put: `/api/application-images/${path}`,
        remove: `/api/application-images/${path}`,
        removeLabel: "Use the default",
      }),
    ),
  );
}

function testEmailButton() {
  const status = h("p.muted", { role: "status" });
  const button = h("button.secondary", {
    type: "button",
    id: "send-test-email",
    text: "Send a test email to me",
    onclick: async () => {
      status.textContent = "Sending…";
      try {
        await api("POST", "/api/application-configuration/test-email", {});
        status.textContent = "The test email was sent. Check your inbox.";
      } catch (error) {
        status.textContent = error.message;
      }
    },
  });
  return h("div", {}, h("div.actions", {}, button), status);
}

// The events core/audit/AuditEvents records.
const AUDIT_EVENTS = [
  "SIGN_IN",
  "TOKEN_SIGN_IN",
  "SIGN_IN_FAILED",
  "SIGN_OUT",
  "LOGOUT",
  "ACCOUNT_CREATED",
  "CLIENT_AUTHORIZATION",
  "NEW_CLIENT_AUTHORIZATION",
  "DEVICE_CODE_AUTHORIZATION",
  "NEW_DEVICE_CODE_AUTHORIZATION",
  "PASSKEY_ADDED",
  "PASSKEY_RENAMED",
  "PASSKEY_REMOVED",
  "TOKEN_REVOKED",
];

const views = {
  users: usersView,
  user: userView,
  groups: groupsView,
  group: groupView,
  apps: appsView,
  clients: clientsView,
  "app-config": appConfigView,
  client: clientView,
  "api-keys": apiKeysView,
  "audit-log": auditLogView,
  "audit-log-global": globalAuditLogView,
};

export async function start(shared) {
  ({ api, upload, refreshImage } = shared);
  const pending = sessionStorage.getItem(NOTICE_KEY);
  if (pending) {
    sessionStorage.removeItem(NOTICE_KEY);
    notice(pending);
  }
  const run = views[view.dataset.view];
  if (!run) return;
  try {
    await run(view.dataset.id);
  } catch (error) {
    failure(error.message);
  }
  view.dataset.ready = "true";
}
