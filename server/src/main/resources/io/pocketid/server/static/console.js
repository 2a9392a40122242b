// Pocket ID for the JVM: the settings console (My apps, API keys, audit logs, users and groups).
// Each page is a shell; this module fills it from the JSON API, the same calls a script with an
// API key makes. DOM nodes are built with textContent only: no HTML from data is ever parsed.

// The JSON API caller, handed over by app.js (importing app.js here would load it a second time
// under another URL and run its page set-up twice).
let api;
let upload;
let refreshImage;
// The page's texts: t(key, ...args), also from app.js.
let t;

const view = document.getElementById("view");
// Where the application is mounted ("/auth"), empty at the root: application paths in links,
// images and navigation get it in front (the JSON API caller adds it itself).
const BASE = document.body.dataset.base || "";

function appUrl(path) {
  return path.startsWith("/") && !path.startsWith("//") ? BASE + path : path;
}

function go(path) {
  window.location.assign(appUrl(path));
}
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
    else if ((key === "href" || key === "src") && typeof value === "string") el.setAttribute(key, appUrl(value));
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
  if (!value) return t("js.never");
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(document.documentElement.lang || undefined);
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
  const prev = h("button.secondary", { type: "button", text: t("js.table.previous") });
  const next = h("button.secondary", { type: "button", text: t("js.table.next") });
  const searchBox = h("input", {
    type: "search",
    "aria-label": t("js.table.searchLabel", label),
    placeholder: t("js.table.search"),
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
          : [h("tr", {}, h("td", { colspan: columns.length, text: empty || t("js.table.empty") }))]),
      );
      const p = result.pagination;
      status.textContent = t("js.table.status", p.currentPage, Math.max(1, p.totalPages), p.totalItems);
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
  const response = await fetch(appUrl("/api/qr-code"), {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text }),
  });
  if (!response.ok) return null;
  const url = URL.createObjectURL(await response.blob());
  return h("img.qr", { src: url, alt: t("js.link.qr"), width: 180, height: 180 });
}

/** A button that copies {@code value} and then says so; {@code attrs} adds to its attributes. */
function copyButton(value, label, attrs, spec = "button.secondary") {
  return h(spec, {
    type: "button",
    text: label,
    ...attrs,
    onclick: async (event) => {
      await navigator.clipboard?.writeText(value).catch(() => {});
      event.target.textContent = t("js.copied");
    },
  });
}

/** A box that shows a one-time secret link with a copy button and its QR code. */
async function linkBox(container, title, link, extra) {
  const copy = copyButton(link, t("js.link.copy"));
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
      h("input", { type: "text", "aria-label": t("js.claims.name"), placeholder: t("js.claims.namePlaceholder"), value: key || "", "data-claim-key": "" }),
      h("input", { type: "text", "aria-label": t("js.claims.value"), placeholder: t("js.claims.valuePlaceholder"), value: value || "", "data-claim-value": "" }),
      h("button.danger", { type: "button", text: t("js.remove"), onclick: () => row.remove() }),
    );
    rows.append(row);
  };
  for (const claim of initial || []) add(claim.key, claim.value);
  const root = h(
    "div",
    {},
    rows,
    h("div.actions", {}, h("button.secondary", { type: "button", id: "add-claim", text: t("js.claims.add"), onclick: () => add("", "") })),
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
  const form = h("form", { id: "claims-form" }, editor.root, h("div.actions", {}, h("button", { type: "submit", text: t("js.claims.save") })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const saved = await submitting(form, error, () => api("PUT", url, editor.values()));
    if (saved !== undefined) notice(t("js.claims.saved"));
  });
  return card(t("js.claims.title"), h("p.muted", { text: t("js.claims.intro") }), form, error);
}

/** How long a login code or signup link stays valid: [value, label]. */
function ttls() {
  return [
    ["1h", t("js.ttl.hour")],
    ["12h", t("js.ttl.hours12")],
    ["24h", t("js.ttl.day")],
    ["168h", t("js.ttl.week")],
    ["720h", t("js.ttl.month")],
  ];
}

function loginCodeCard(user) {
  const result = h("div");
  const error = h("p.alert.error", { role: "alert" });
  const form = h(
    "form",
    { id: "login-code-form" },
    select("ttl", t("js.ttl.label"), ttls(), "1h"),
    h("div.actions", {}, h("button", { type: "submit", text: t("js.loginCode.create") })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const created = await submitting(form, error, () =>
      api("POST", `/api/users/${encodeURIComponent(user.id)}/one-time-access-token`, { ttl: valueOf(form, "ttl") }),
    );
    if (!created) return;
    const link = `${window.location.origin}${BASE}/lc/${created.token}`;
    const email = user.email
      ? h("button.secondary", {
          type: "button",
          text: t("js.loginCode.sendEmail"),
          onclick: async () => {
            try {
              await api("POST", `/api/users/${encodeURIComponent(user.id)}/one-time-access-email`, {});
              notice(t("js.loginCode.sent", user.email));
            } catch (mailError) {
              error.textContent = mailError.message;
            }
          },
        })
      : null;
    await linkBox(result, t("js.loginCode.result", user.username, created.token), link, email);
  });
  return card(
    t("js.loginCode.title"),
    h("p.muted", { text: t("js.loginCode.intro") }),
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
      done(t("js.image.uploaded", label));
    } catch (e) {
      error.textContent = e.message;
    }
    input.value = "";
  });
  const controls = [h("label", { for: `${id}-file`, text: t("js.image.upload", label) }), input];
  if (fromUrl) {
    const url = h("input", { type: "url", id: `${id}-url`, placeholder: "https://example.com/logo.png", "aria-label": t("js.image.url", label) });
    controls.push(
      h(
        "div.row-actions",
        {},
        url,
        h("button.secondary", {
          type: "button",
          id: `${id}-fetch`,
          text: t("js.image.fetch"),
          onclick: async () => {
            error.textContent = "";
            try {
              await api(method, put, { url: url.value.trim() });
              done(t("js.image.fetched", label));
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
        text: removeLabel || t("js.remove"),
        onclick: async () => {
          error.textContent = "";
          try {
            await api("DELETE", remove);
            done(t("js.image.removed", label));
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
      field("firstName", t("js.user.firstName"), { value: u.firstName || "", required: true, maxlength: 50, autocomplete: "off" }),
      field("lastName", t("js.user.lastName"), { value: u.lastName || "", maxlength: 50, autocomplete: "off" }),
    ),
    h(
      "div.row",
      {},
      field("displayName", t("js.user.displayName"), { value: u.displayName || "", maxlength: 100, autocomplete: "off" }),
      field("username", t("js.user.username"), { value: u.username || "", required: true, maxlength: 50, autocomplete: "off" }),
    ),
    h(
      "div.row",
      {},
      field("email", t("js.user.email"), { type: "email", value: u.email || "", autocomplete: "off" }),
      select("locale", t("js.user.language"), [["", t("js.user.language.default")], ["en", "English"], ["de", "Deutsch"], ["fr", "Français"]], u.locale || ""),
    ),
    h("div.checks", {}, checkbox("isAdmin", t("js.user.admin"), u.isAdmin), user ? checkbox("disabled", t("js.user.disabled"), u.disabled) : null),
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
    label: t("js.users.title"),
    defaultSort: { column: "username", direction: "asc" },
    columns: [
      { label: t("js.column.name"), sort: "displayName", cell: (u) => h("a", { href: `/settings/admin/users/${encodeURIComponent(u.id)}`, text: u.displayName || u.username }) },
      { label: t("js.user.username"), sort: "username", cell: (u) => u.username },
      { label: t("js.user.email"), sort: "email", cell: (u) => u.email || "—" },
      {
        label: t("js.users.role"),
        cell: (u) =>
          h(
            "span",
            {},
            u.isAdmin ? h("span.badge", { text: t("js.users.role.admin") }) : t("js.users.role.user"),
            u.disabled ? h("span.badge.muted", { text: t("js.users.disabled") }) : null,
          ),
      },
      {
        label: t("js.column.actions"),
        cell: (u) =>
          h(
            "div.row-actions",
            {},
            h("a.button.secondary", { href: `/settings/admin/users/${encodeURIComponent(u.id)}`, text: t("js.edit") }),
            h("button.secondary", {
              type: "button",
              "data-toggle-disabled": u.username,
              text: u.disabled ? t("js.users.enable") : t("js.users.disable"),
              onclick: async () => {
                if (!u.disabled && !confirmed(t("js.users.confirmDisable", u.username))) return;
                try {
                  await api("PUT", `/api/users/${encodeURIComponent(u.id)}`, { ...u, disabled: !u.disabled });
                  notice(t(u.disabled ? "js.users.enabled" : "js.users.disabledNotice", u.username));
                  list.load();
                } catch (error) {
                  failure(error.message);
                }
              },
            }),
            h("button.danger", {
              type: "button",
              "data-delete-user": u.username,
              text: t("js.delete"),
              onclick: async () => {
                if (!confirmed(t("js.users.confirmDelete", u.username))) return;
                try {
                  await api("DELETE", `/api/users/${encodeURIComponent(u.id)}`);
                  notice(t("js.deleted", u.username));
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
    noticeNext(t("js.users.created", created.username));
    go(`/settings/admin/users/${encodeURIComponent(created.id)}`);
  }, t("js.users.create"));
  createBox.append(card(t("js.users.addTitle"), form, error));
  const addButton = h("button", {
    type: "button",
    id: "add-user",
    text: t("js.users.add"),
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
    label: t("js.signupLinks.title"),
    searchable: false,
    empty: t("js.signupLinks.empty"),
    columns: [
      { label: t("js.column.created"), sort: "createdAt", cell: (link) => when(link.createdAt) },
      { label: t("js.column.expires"), sort: "expiresAt", cell: (link) => when(link.expiresAt) },
      { label: t("js.signupLinks.used"), cell: (link) => t("js.signupLinks.usage", link.usageCount, link.usageLimit) },
      {
        label: t("js.column.actions"),
        cell: (link) =>
          h("button.danger", {
            type: "button",
            text: t("js.delete"),
            onclick: async () => {
              if (!confirmed(t("js.signupLinks.confirmDelete"))) return;
              try {
                await api("DELETE", `/api/signup-tokens/${encodeURIComponent(link.id)}`);
                notice(t("js.signupLinks.deleted"));
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
      select("signupTtl", t("js.ttl.label"), ttls(), "168h"),
      field("usageLimit", t("js.signupLinks.limit"), { type: "number", min: 1, max: 100, value: 1, required: true }),
    ),
    h("div.actions", {}, h("button", { type: "submit", text: t("js.signupLinks.create") })),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const created = await submitting(form, error, () =>
      api("POST", "/api/signup-tokens", { ttl: valueOf(form, "signupTtl"), usageLimit: Number(valueOf(form, "usageLimit")) }),
    );
    if (!created) return;
    await linkBox(result, t("js.signupLinks.result"), `${window.location.origin}${BASE}/st/${created.token}`);
    tokens.load();
  });
  const section = card(
    t("js.signupLinks.title"),
    h("p.muted", { text: t("js.signupLinks.intro") }),
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
    notice(t("js.user.saved"));
  }, t("js.save"));
  const groups = await api("GET", "/api/user-groups" + query({ "pagination[limit]": 100, "sort[column]": "friendlyName" }));
  const member = new Set((user.userGroups || []).map((g) => g.id));
  const groupForm = h(
    "form",
    { id: "user-groups-form" },
    groups.data.length
      ? h("div.checks", {}, groups.data.map((g) => checkbox(`group-${g.id}`, g.friendlyName, member.has(g.id))))
      : h("p.muted", {}, t("js.groups.noneYet"), " ", h("a", { href: "/settings/admin/user-groups", text: t("js.groups.createOne") })),
    h("div.actions", {}, h("button", { type: "submit", text: t("js.user.saveGroups") })),
  );
  const groupError = h("p.alert.error", { role: "alert" });
  groupForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = groups.data.filter((g) => groupForm.elements.namedItem(`group-${g.id}`).checked).map((g) => g.id);
    const saved = await submitting(groupForm, groupError, () =>
      api("PUT", `/api/users/${encodeURIComponent(id)}/user-groups`, { userGroupIds: ids }),
    );
    if (saved) notice(t("js.user.groupsSaved"));
  });
  const remove = h("button.danger", {
    type: "button",
    id: "delete-user",
    text: t("js.user.delete"),
    onclick: async () => {
      if (!confirmed(t("js.users.confirmDelete", user.username))) return;
      try {
        await api("DELETE", `/api/users/${encodeURIComponent(id)}`);
        noticeNext(t("js.deleted", user.username));
        go("/settings/admin/users");
      } catch (e) {
        failure(e.message);
      }
    },
  });
  view.append(
    h("p", {}, h("a", { href: "/settings/admin/users", text: t("js.user.back") })),
    card(t("js.details"), form, error),
    card(
      null,
      imageEditor({
        id: "picture",
        label: t("js.user.picture"),
        src: `/api/users/${encodeURIComponent(id)}/profile-picture.png`,
        put: `/api/users/${encodeURIComponent(id)}/profile-picture`,
        remove: `/api/users/${encodeURIComponent(id)}/profile-picture`,
        removeLabel: t("js.user.picture.default"),
      }),
    ),
    loginCodeCard(user),
    card(t("js.user.groups"), groupForm, groupError),
    claimsCard(user.customClaims, `/api/custom-claims/user/${encodeURIComponent(id)}`),
    card(t("js.dangerZone"), h("div.actions", {}, remove)),
  );
}

async function groupsView() {
  const list = listTable({
    url: "/api/user-groups",
    label: t("js.groups.title"),
    defaultSort: { column: "friendlyName", direction: "asc" },
    empty: t("js.groups.noneYet"),
    columns: [
      { label: t("js.column.name"), sort: "friendlyName", cell: (g) => h("a", { href: `/settings/admin/user-groups/${encodeURIComponent(g.id)}`, text: g.friendlyName }) },
      { label: t("js.groups.claimValue"), sort: "name", cell: (g) => h("code", { text: g.name }) },
      { label: t("js.groups.members"), cell: (g) => String(g.userCount) },
      {
        label: t("js.column.actions"),
        cell: (g) =>
          h("button.danger", {
            type: "button",
            text: t("js.delete"),
            onclick: async () => {
              if (!confirmed(t("js.groups.confirmDelete", g.friendlyName))) return;
              try {
                await api("DELETE", `/api/user-groups/${encodeURIComponent(g.id)}`);
                notice(t("js.deleted", g.friendlyName));
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
    noticeNext(t("js.groups.created", created.friendlyName));
    go(`/settings/admin/user-groups/${encodeURIComponent(created.id)}`);
  }, error, t("js.groups.create"));
  view.append(card(t("js.groups.addTitle"), form, error), card(null, list.root));
  await list.load();
}

function groupForm(group, onSubmit, error, submitLabel) {
  const form = h(
    "form",
    { id: "group-form", novalidate: true },
    h(
      "div.row",
      {},
      field("friendlyName", t("js.groups.friendlyName"), { value: group ? group.friendlyName : "", required: true, maxlength: 255 }),
      field("name", t("js.column.name"), { value: group ? group.name : "", required: true, maxlength: 255, pattern: "[a-z0-9_-]+" }),
    ),
    h("p.muted", { text: t("js.groups.nameHint") }),
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
    notice(t("js.groups.saved"));
  }, error, t("js.save"));
  const members = new Set((group.users || []).map((u) => u.id));
  const users = await api("GET", "/api/users" + query({ "pagination[limit]": 100, "sort[column]": "username" }));
  const filter = h("input", { type: "search", "aria-label": t("js.groups.filter"), placeholder: t("js.groups.filterPlaceholder") });
  const boxes = h(
    "div.checks.members",
    {},
    users.data.map((u) => h("div", { "data-member": `${u.username} ${u.displayName} ${u.email || ""}`.toLowerCase() }, checkbox(`member-${u.id}`, `${u.displayName} (${u.username})`, members.has(u.id)))),
  );
  filter.addEventListener("input", () => {
    const text = filter.value.trim().toLowerCase();
    for (const row of boxes.children) row.hidden = text && !row.dataset.member.includes(text);
  });
  const memberForm = h("form", { id: "members-form" }, filter, boxes, h("div.actions", {}, h("button", { type: "submit", text: t("js.groups.saveMembers") })));
  const memberError = h("p.alert.error", { role: "alert" });
  memberForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = users.data.filter((u) => memberForm.elements.namedItem(`member-${u.id}`).checked).map((u) => u.id);
    const saved = await submitting(memberForm, memberError, () => api("PUT", `/api/user-groups/${encodeURIComponent(id)}/users`, { userIds: ids }));
    if (saved) notice(t("js.groups.membersSaved"));
  });
  const remove = h("button.danger", {
    type: "button",
    text: t("js.groups.delete"),
    onclick: async () => {
      if (!confirmed(t("js.groups.confirmDeleteOne", group.friendlyName))) return;
      try {
        await api("DELETE", `/api/user-groups/${encodeURIComponent(id)}`);
        noticeNext(t("js.deleted", group.friendlyName));
        go("/settings/admin/user-groups");
      } catch (e) {
        failure(e.message);
      }
    },
  });
  view.append(
    h("p", {}, h("a", { href: "/settings/admin/user-groups", text: t("js.groups.back") })),
    card(t("js.details"), form, error),
    card(t("js.groups.members"), memberForm, memberError),
    claimsCard(group.customClaims, `/api/custom-claims/user-group/${encodeURIComponent(id)}`),
    card(t("js.dangerZone"), h("div.actions", {}, remove)),
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
          client.hasLogo
            ? h(
                "div.app-logo",
                { "aria-hidden": "true" },
                h("img", { src: `/api/oidc/clients/${encodeURIComponent(client.id)}/logo?light=true`, alt: "" }),
              )
            : h("div.app-logo", { "aria-hidden": "true", text: initial }),
          h(
            "div",
            {},
            h("h2", {}, client.launchURL ? h("a", { href: client.launchURL, rel: "noopener", text: client.name }) : client.name),
            h("p.muted", { text: t("js.apps.lastUsed", when(client.lastUsedAt)) }),
            consent
              ? h("button.danger", {
                  type: "button",
                  "data-revoke": client.name,
                  text: t("js.apps.revoke"),
                  onclick: async () => {
                    if (!confirmed(t("js.apps.confirmRevoke", client.name))) return;
                    try {
                      await api("DELETE", `/api/oidc/users/me/authorized-clients/${encodeURIComponent(client.id)}`);
                      authorized.delete(client.id);
                      notice(t("js.apps.revoked", client.name));
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
    if (!clients.data.length) grid.append(h("li.muted", { text: t("js.apps.empty") }));
  };
  view.append(grid);
  await load();
}

async function apiKeysView() {
  const result = h("div");
  const error = h("p.alert.error", { role: "alert" });
  const list = listTable({
    url: "/api/api-keys",
    label: t("js.apiKeys.title"),
    searchable: false,
    defaultSort: { column: "createdAt", direction: "desc" },
    empty: t("js.apiKeys.empty"),
    columns: [
      { label: t("js.column.name"), sort: "name", cell: (k) => h("span", {}, h("strong", { text: k.name }), k.description ? h("div.muted", { text: k.description }) : null) },
      { label: t("js.column.expires"), sort: "expiresAt", cell: (k) => when(k.expiresAt) },
      { label: t("js.column.lastUsed"), sort: "lastUsedAt", cell: (k) => when(k.lastUsedAt) },
      {
        label: t("js.column.actions"),
        cell: (k) =>
          h("button.danger", {
            type: "button",
            "data-revoke-key": k.name,
            text: t("js.apiKeys.revoke"),
            onclick: async () => {
              if (!confirmed(t("js.apiKeys.confirmRevoke", k.name))) return;
              try {
                await api("DELETE", `/api/api-keys/${encodeURIComponent(k.id)}`);
                notice(t("js.apiKeys.revoked", k.name));
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
    h("div.row", {}, field("name", t("js.column.name"), { required: true, minlength: 3, maxlength: 50 }), field("expiresAt", t("js.apiKeys.expiresOn"), { type: "date", value: tomorrow, required: true })),
    field("description", t("js.apiKeys.description"), { maxlength: 500 }),
    h("div.actions", {}, h("button", { type: "submit", text: t("js.apiKeys.create") })),
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
        h("p", {}, h("strong", { text: t("js.apiKeys.result") })),
        h("p", {}, h("code", { id: "api-key-token", text: created.token })),
        h("p.muted", { text: t("js.apiKeys.header") }),
      ),
    );
    list.load();
  });
  view.append(card(t("js.apiKeys.createTitle"), form, error, result), card(null, list.root));
  await list.load();
}

/** The location filter's choices: [value, label]. */
function locations() {
  return [
    ["", t("js.audit.anyLocation")],
    ["internal", t("js.audit.internal")],
    ["external", t("js.audit.external")],
  ];
}

function auditColumns(withUser) {
  return [
    { label: t("js.audit.time"), sort: "createdAt", cell: (e) => when(e.createdAt) },
    withUser ? { label: t("js.audit.user"), cell: (e) => e.username || "—" } : null,
    { label: t("js.audit.event"), sort: "event", cell: (e) => h("span.badge", { text: e.event }) },
    { label: t("js.audit.client"), cell: (e) => (e.data && e.data.clientName) || "—" },
    { label: t("js.audit.location"), cell: (e) => [e.city, e.country].filter(Boolean).join(", ") || e.ipAddress || "—" },
    { label: t("js.audit.device"), cell: (e) => e.device || "—" },
  ].filter(Boolean);
}

async function auditLogView() {
  const list = listTable({
    url: "/api/audit-logs",
    label: t("js.audit.title"),
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
    select("userId", t("js.audit.user"), [["", t("js.audit.allUsers")], ...Object.entries(users).sort((a, b) => a[1].localeCompare(b[1]))], ""),
    select("event", t("js.audit.event"), [["", t("js.audit.allEvents")], ...AUDIT_EVENTS.map((e) => [e, e])], ""),
    select("clientName", t("js.audit.client"), [["", t("js.audit.allClients")], ...clients.map((c) => [c, c])], ""),
    select("location", t("js.audit.location"), locations(), ""),
  );
  const list = listTable({
    url: "/api/audit-logs/all",
    label: t("js.audit.globalTitle"),
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
  view.append(card(t("js.audit.filters"), filters), card(null, list.root));
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
      h("input", { type: "text", "aria-label": t("js.identity.issuer"), placeholder: t("js.identity.issuer"), value: i.issuer || "", "data-issuer": "" }),
      h("input", { type: "text", "aria-label": t("js.identity.subject"), placeholder: t("js.identity.subjectPlaceholder"), value: i.subject || "", "data-subject": "" }),
      h("input", { type: "text", "aria-label": t("js.identity.audience"), placeholder: t("js.identity.audiencePlaceholder"), value: i.audience || "", "data-audience": "" }),
      h("input", { type: "text", "aria-label": t("js.identity.jwks"), placeholder: t("js.identity.jwksPlaceholder"), value: i.jwks || "", "data-jwks": "" }),
      h("button.danger", { type: "button", text: t("js.remove"), onclick: () => row.remove() }),
    );
    rows.append(row);
  };
  for (const identity of initial || []) add(identity);
  return {
    root: h("div", {}, rows, h("button.secondary", { type: "button", text: t("js.identity.add"), onclick: () => add(null) })),
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
      field("name", t("js.column.name"), { value: c.name || "", required: true, maxlength: 50 }),
      client
        ? h("div", {}, h("label", { text: t("js.client.id") }), h("code.block", { id: "client-id", text: c.id }))
        : field("id", t("js.client.idOptional"), { maxlength: 128, placeholder: t("js.client.idPlaceholder") }),
    ),
    textarea("callbackURLs", t("js.client.callbacks"), (c.callbackURLs || []).join("\n"), t("js.client.callbacksHint")),
    textarea("logoutCallbackURLs", t("js.client.logoutCallbacks"), (c.logoutCallbackURLs || []).join("\n"), t("js.client.logoutCallbacksHint")),
    h(
      "div.row",
      {},
      field("launchURL", t("js.client.launchUrl"), { type: "url", value: c.launchURL || "", placeholder: "https://app.example.com" }),
      field("backchannelLogoutURL", t("js.client.backchannel"), { type: "url", value: c.backchannelLogoutURL || "" }),
    ),
    h(
      "div.checks",
      {},
      checkbox("isPublic", t("js.client.public"), c.isPublic),
      checkbox("pkceEnabled", t("js.client.pkce"), c.pkceEnabled),
      checkbox("requiresReauthentication", t("js.client.reauth"), c.requiresReauthentication),
    ),
    h("h3", { text: t("js.identity.title") }),
    h("p.muted", { text: t("js.identity.intro") }),
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
      h("p", {}, h("strong", { text: t("js.client.secretResult") })),
      h("p", {}, h("code", { id: "client-secret", text: secret })),
      h(
        "div.actions",
        {},
        copyButton(secret, t("js.client.copySecret")),
        next || null,
      ),
    ),
  );
}

async function clientsView() {
  const list = listTable({
    url: "/api/oidc/clients",
    label: t("js.clients.title"),
    defaultSort: { column: "name", direction: "asc" },
    empty: t("js.clients.empty"),
    columns: [
      { label: t("js.column.name"), sort: "name", cell: (c) => h("a", { href: `/settings/admin/oidc-clients/${encodeURIComponent(c.id)}`, text: c.name }) },
      { label: t("js.client.id"), cell: (c) => h("code", { text: c.id }) },
      { label: t("js.clients.type"), cell: (c) => (c.isPublic ? t("js.clients.public") : t("js.clients.confidential")) },
      { label: t("js.clients.groups"), cell: (c) => (c.allowedUserGroupsCount ? String(c.allowedUserGroupsCount) : t("js.clients.everyone")) },
      { label: t("js.column.created"), sort: "createdAt", cell: (c) => when(c.createdAt) },
    ],
  });
  const createBox = h("div", { hidden: true });
  const result = h("div");
  const { form, error } = clientForm(null, async (data) => {
    const created = await api("POST", "/api/oidc/clients", data);
    const page = `/settings/admin/oidc-clients/${encodeURIComponent(created.id)}`;
    if (created.isPublic) {
      noticeNext(t("js.clients.created", created.name));
      go(page);
      return;
    }
    const { secret } = await api("POST", `/api/oidc/clients/${encodeURIComponent(created.id)}/secret`);
    form.hidden = true;
    notice(t("js.clients.created", created.name));
    secretBox(result, secret, h("a.button", { href: page, id: "continue", text: t("js.clients.continue") }));
    list.load();
  }, t("js.clients.create"));
  createBox.append(card(t("js.clients.addTitle"), form, error, result));
  const addButton = h("button", {
    type: "button",
    id: "add-client",
    text: t("js.clients.add"),
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
    [t("js.endpoint.issuer"), discovery.issuer],
    [t("js.endpoint.discovery"), `${discovery.issuer}/.well-known/openid-configuration`],
    [t("js.endpoint.authorization"), discovery.authorization_endpoint],
    [t("js.endpoint.token"), discovery.token_endpoint],
    [t("js.endpoint.userinfo"), discovery.userinfo_endpoint],
    [t("js.endpoint.endSession"), discovery.end_session_endpoint],
    [t("js.endpoint.jwks"), discovery.jwks_uri],
    [t("js.endpoint.introspection"), discovery.introspection_endpoint],
    [t("js.endpoint.revocation"), discovery.revocation_endpoint],
    [t("js.endpoint.device"), discovery.device_authorization_endpoint],
    [t("js.endpoint.par"), discovery.pushed_authorization_request_endpoint],
  ].filter(([, value]) => value);
  return card(
    t("js.endpoint.title"),
    h(
      "dl.endpoints",
      {},
      entries.map(([label, value]) => [
        h("dt", { text: label }),
        h(
          "dd",
          {},
          h("code", { text: value }),
          copyButton(value, t("js.copy"), { "aria-label": t("js.endpoint.copyLabel", label) }, "button.secondary.small"),
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
      select("previewUser", t("js.preview.user"), users.data.map((u) => [u.id, `${u.displayName} (${u.username})`]), users.data.length ? users.data[0].id : ""),
      h(
        "div",
        {},
        h("span.label", { text: t("js.preview.scopes") }),
        h("div.checks", {}, ["profile", "email", "groups"].map((scope) => checkbox(`scope-${scope}`, scope, true))),
      ),
    ),
    h("div.actions", {}, h("button.secondary", { type: "submit", text: t("js.preview.show") })),
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
        [t("js.preview.idToken"), result.idToken, "preview-id-token"],
        [t("js.preview.accessToken"), result.accessToken, "preview-access-token"],
        [t("js.preview.userinfo"), result.userInfo, "preview-userinfo"],
      ].map(([title, claims, id]) => h("div", {}, h("h3", { text: title }), h("pre", { id, text: JSON.stringify(claims, null, 2) }))),
    );
  });
  return card(t("js.preview.title"), h("p.muted", { text: t("js.preview.intro") }), form, error, output);
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
    notice(t("js.client.saved"));
  }, t("js.save"));

  const secretResult = h("div");
  const secretCard = card(
    t("js.client.secret"),
    h("p.muted", { text: t("js.client.secretIntro") }),
    h(
      "div.actions",
      {},
      h("button.secondary", {
        type: "button",
        id: "regenerate-secret",
        text: t("js.client.newSecret"),
        onclick: async () => {
          if (!confirmed(t("js.client.confirmNewSecret"))) return;
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
    h("p.muted", { text: t("js.client.groupsIntro") }),
    groups.data.length
      ? h("div.checks", {}, groups.data.map((g) => checkbox(`allowed-${g.id}`, g.friendlyName, allowed.has(g.id))))
      : h("p.muted", {}, t("js.groups.noneYet"), " ", h("a", { href: "/settings/admin/user-groups", text: t("js.groups.createOne") })),
    h("div.actions", {}, h("button", { type: "submit", text: t("js.client.saveGroups") })),
  );
  const groupError = h("p.alert.error", { role: "alert" });
  groupForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = groups.data.filter((g) => groupForm.elements.namedItem(`allowed-${g.id}`).checked).map((g) => g.id);
    const saved = await submitting(groupForm, groupError, () =>
      api("PUT", `/api/oidc/clients/${encodeURIComponent(id)}/allowed-user-groups`, { userGroupIds: ids }),
    );
    if (saved) notice(ids.length ? t("js.client.groupsRestricted") : t("js.client.groupsOpen"));
  });

  const remove = h("button.danger", {
    type: "button",
    id: "delete-client",
    text: t("js.client.delete"),
    onclick: async () => {
      if (!confirmed(t("js.client.confirmDelete", client.name))) return;
      try {
        await api("DELETE", `/api/oidc/clients/${encodeURIComponent(id)}`);
        noticeNext(t("js.deleted", client.name));
        go("/settings/admin/oidc-clients");
      } catch (e) {
        failure(e.message);
      }
    },
  });
  view.append(
    h("p", {}, h("a", { href: "/settings/admin/oidc-clients", text: t("js.client.back") })),
    await endpointsCard(),
    card(t("js.client.settings"), form, error),
    card(
      t("js.client.logo"),
      ["light", "dark"].map((variant) => {
        const logo = `/api/oidc/clients/${encodeURIComponent(id)}/logo?light=${variant === "light"}`;
        return imageEditor({
          id: `logo-${variant}`,
          label: variant === "light" ? t("js.client.logoLight") : t("js.client.logoDark"),
          src: logo,
          put: logo,
          remove: logo,
          method: "POST",
          fromUrl: true,
        });
      }),
    ),
    client.isPublic ? null : secretCard,
    card(t("js.client.allowedGroups"), groupForm, groupError),
    await previewCard(id),
    card(t("js.dangerZone"), h("div.actions", {}, remove)),
  );
}

// ---- application configuration -----------------------------------------------------------------

/**
 * The sections of the application configuration page. Each field is [key, label, kind, extra];
 * its label is the message js.setting.<key>.
 */
function settingsSections() {
  const sections = [
    {
      id: "general",
      fields: [
        ["appName", "text", { maxlength: 30, required: true }],
        ["sessionDuration", "number", { min: 1 }],
        ["accentColor", "text", { placeholder: t("js.setting.accentColor.placeholder") }],
        ["emailsVerified", "bool"],
        ["allowOwnAccountEdit", "bool"],
        ["requireUserEmail", "bool"],
        ["disableAnimations", "bool"],
      ],
    },
    {
      id: "signup",
      fields: [
        [
          "allowUserSignups",
          "select",
          {
            options: [
              ["disabled", t("js.setting.allowUserSignups.disabled")],
              ["withToken", t("js.setting.allowUserSignups.withToken")],
              ["open", t("js.setting.allowUserSignups.open")],
            ],
          },
        ],
        ["signupDefaultUserGroupIDs", "groups"],
        ["signupDefaultCustomClaims", "claims"],
      ],
    },
    {
      id: "email",
      fields: [
        ["smtpHost", "text"],
        ["smtpPort", "number", { min: 1, max: 65535 }],
        ["smtpFrom", "email"],
        ["smtpUser", "text", { autocomplete: "off" }],
        ["smtpPassword", "password", { autocomplete: "new-password" }],
        ["smtpTls", "select", { options: [["none", t("js.setting.smtpTls.none")], ["starttls", "STARTTLS"], ["tls", "TLS"]] }],
        ["smtpSkipCertVerify", "bool"],
        ["emailLoginNotificationEnabled", "bool"],
        ["emailOneTimeAccessAsUnauthenticatedEnabled", "bool"],
        ["emailOneTimeAccessAsAdminEnabled", "bool"],
        ["emailApiKeyExpirationEnabled", "bool"],
      ],
    },
    {
      id: "ldap",
      note: t("js.settings.ldap.note"),
      fields: [
        ["ldapEnabled", "bool"],
        ["ldapUrl", "text", { placeholder: "ldaps://ldap.example.com" }],
        ["ldapBindDn", "text"],
        ["ldapBindPassword", "password", { autocomplete: "new-password" }],
        ["ldapBase", "text"],
        ["ldapUserSearchFilter", "text"],
        ["ldapUserGroupSearchFilter", "text"],
        ["ldapSkipCertVerify", "bool"],
        ["ldapAttributeUserUniqueIdentifier", "text"],
        ["ldapAttributeUserUsername", "text"],
        ["ldapAttributeUserEmail", "text"],
        ["ldapAttributeUserFirstName", "text"],
        ["ldapAttributeUserLastName", "text"],
        ["ldapAttributeUserDisplayName", "text"],
        ["ldapAttributeUserProfilePicture", "text"],
        ["ldapAttributeGroupMember", "text"],
        ["ldapAttributeGroupUniqueIdentifier", "text"],
        ["ldapAttributeGroupName", "text"],
        ["ldapAttributeAdminGroup", "text"],
        ["ldapSoftDeleteUsers", "bool"],
      ],
    },
  ];
  return sections.map((section) => ({
    ...section,
    title: t(`js.settings.${section.id}`),
    save: t(`js.settings.${section.id}.save`),
    saved: t(`js.settings.${section.id}.saved`),
    fields: section.fields.map(([key, kind, extra]) => [key, t(`js.setting.${key}`), kind, extra]),
  }));
}

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
    view.append(h("p.alert.warning", { role: "status", text: t("js.settings.readOnly") }));
  }
  for (const section of settingsSections()) {
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
            : h("p.muted", { text: t("js.groups.noneYet") }),
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
    if (!readOnly) form.append(h("div.actions", {}, h("button", { type: "submit", text: section.save })));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const changes = Object.fromEntries(readers.map((read) => read()));
      const saved = await submitting(form, error, () => api("PUT", "/api/application-configuration", changes));
      if (saved) {
        noticeNext(section.saved);
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
    ["logo-light", t("js.images.logoLight"), "logo?light=true"],
    ["logo-dark", t("js.images.logoDark"), "logo?light=false"],
    ["background", t("js.images.background"), "background"],
    ["favicon", t("js.images.favicon"), "favicon"],
    ["default-profile-picture", t("js.images.defaultPicture"), "default-profile-picture"],
  ];
  return card(
    t("js.images.title"),
    h("p.muted", { text: t("js.images.intro") }),
    images.map(([id, label, path]) =>
      imageEditor({
        id: `app-${id}`,
        label,
        src: `/api/application-images/${path}`,
        put: `/api/application-images/${path}`,
        remove: `/api/application-images/${path}`,
        removeLabel: t("js.images.useDefault"),
      }),
    ),
  );
}

function testEmailButton() {
  const status = h("p.muted", { role: "status" });
  const button = h("button.secondary", {
    type: "button",
    id: "send-test-email",
    text: t("js.testEmail.send"),
    onclick: async () => {
      status.textContent = t("js.testEmail.sending");
      try {
        await api("POST", "/api/application-configuration/test-email", {});
        status.textContent = t("js.testEmail.sent");
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
  ({ api, upload, refreshImage, t } = shared);
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
