// The review page: draws the statements and one translation from the JSON API.
// Statement text only ever becomes DOM text nodes (textContent), never HTML.
"use strict";

(() => {
  const token = document.querySelector('meta[name="statements-token"]').content;
  const page = document.body;
  const main = document.getElementById("main");
  const notice = document.getElementById("notice");
  const STATUSES = ["machine", "suspect", "edited", "stale", "reviewed"];

  // el("p", {class: "x", text: "…"}, child, …): an element; strings become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  async function api(method, path, payload) {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      credentials: "same-origin",
      cache: "no-store",
    });
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      const error = new Error((data && data.error) || `the server answered ${response.status}`);
      error.status = response.status;
      error.data = data;
      throw error;
    }
    return data;
  }

  function say(message, kind) {
    notice.textContent = message;
    notice.className = kind || "";
  }

  function countsLine(counts) {
    const parts = STATUSES.filter((s) => counts[s]).map((s) => el("span", { class: `chip ${s}`, text: `${counts[s]} ${s}` }));
    return parts.length ? parts : [el("span", { class: "chip", text: "no blocks" })];
  }

  // ---------------------------------------------------------------- the statements
  const FILTERS = [
    ["", "All"],
    ["unreviewed", "Unreviewed"],
    ["findings", "With findings"],
    ["stale", "Stale"],
  ];

  async function home() {
    const show = location.hash.slice(1);
    const query = FILTERS.some(([key]) => key && key === show) ? `?show=${show}` : "";
    const rows = await api("GET", `/api/statements${query}`);
    const nav = el(
      "nav",
      { class: "filters", "aria-label": "filter" },
      ...FILTERS.map(([key, label]) =>
        el("a", { href: `#${key}`, class: "filter", "aria-current": key === (query ? show : "") ? "true" : null, text: label }),
      ),
    );
    const table = el(
      "table",
      { class: "statements" },
      el("thead", {}, el("tr", {}, ...["Statement", "Date", "Language", "Translations"].map((h) => el("th", { text: h })))),
      el("tbody", {}, ...rows.map(statementRow)),
    );
    const empty = rows.length
      ? null
      : el("p", { class: "empty", text: query ? "No statement matches this filter." : "No statements yet: add one with `statements add FILE`." });
    main.replaceChildren(el("h1", { text: "Statements" }), nav, el("p", { class: "count", text: `${rows.length} statement(s)` }), empty || table);
  }

  function statementRow(row) {
    const langs = Object.entries(row.translations);
    const cells = langs.length
      ? langs.map(([lang, t]) =>
          el(
            "div",
            { class: "translation" },
            el("a", { href: `/s/${encodeURIComponent(row.slug)}/${lang}`, class: "open", text: `→ ${lang}` }),
            t.error ? el("span", { class: "error", text: t.error }) : el("span", { class: "chips" }, ...countsLine(t.counts)),
            t.findings ? el("span", { class: "chip finding", text: `${t.findings} finding(s)` }) : null,
          ),
        )
      : [el("span", { class: "muted", text: `not translated yet: statements translate ${row.slug}` })];
    return el(
      "tr",
      { "data-slug": row.slug },
      el("td", {}, el("div", { class: "title", lang: row.lang, text: row.title }), el("div", { class: "slug", text: row.slug }), row.org ? el("div", { class: "org", text: row.org }) : null),
      el("td", { class: "date", text: row.date || "—" }),
      el("td", { text: row.lang }),
      el("td", {}, ...cells),
    );
  }

  // ---------------------------------------------------------------- one statement
  const slug = page.dataset.slug;
  const lang = page.dataset.lang;
  const blocks = new Map(); // index -> {data, node, editor}
  let view = null;

  const draftKey = (index) => `statements:draft:${slug}:${lang}:${index}`;
  const blockUrl = (index) => `/api/statements/${encodeURIComponent(slug)}/${lang}/blocks/${index}`;

  function readDraft(index) {
    try {
      return JSON.parse(localStorage.getItem(draftKey(index)));
    } catch (_) {
      return null;
    }
  }

  function diffNode(ops) {
    return el("span", { class: "diff" }, ...ops.map(([op, text]) => (op === "=" ? text : el(op === "-" ? "del" : "ins", { text }))));
  }

  async function statement() {
    view = await api("GET", `/api/statements/${encodeURIComponent(slug)}/${lang}`);
    const diffsToggle = el("input", {
      type: "checkbox",
      id: "all-diffs",
      onchange: (ev) => main.classList.toggle("show-diffs", ev.target.checked),
    });
    main.replaceChildren(
      el(
        "div",
        { class: "head" },
        el("a", { href: "/", class: "back", text: "← all statements" }),
        el("h1", { lang: view.source_lang, text: view.title }),
        el("p", { class: "sub" }, `${view.source_lang} → ${view.target_lang} · `, el("span", { id: "counts" }), " · ", el("span", { id: "open-findings" })),
        el("p", { class: "tools" }, el("label", {}, diffsToggle, " Show all diffs"), " ", el("span", { class: "keys", text: "Keys: j/k next/previous block · e edit · Ctrl+Enter save · Ctrl+Shift+Enter save as reviewed · r mark reviewed · d diffs · Esc leave the editor" })),
        view.orphans ? el("p", { class: "warn", text: `${view.orphans} block(s) of human work whose original paragraph was deleted are kept in the .align.json file.` }) : null,
      ),
      el("div", { class: "columns" }, el("span", {}), el("span", { text: `Original (${view.source_lang})` }), el("span", { text: `Translation (${view.target_lang})` })),
      el("div", { id: "blocks" }, ...view.blocks.map((b) => blockNode(b))),
    );
    refreshCounts(view.counts);
    for (const data of view.blocks) {
      const draft = readDraft(data.index);
      if (draft && typeof draft.text === "string" && draft.text !== data.current) openEditor(data.index, draft);
    }
    const first = main.querySelector(".block");
    if (first) select(first, false);
  }

  function refreshCounts(counts) {
    document.getElementById("counts").replaceChildren(...countsLine(counts));
    const open = [...blocks.values()].reduce((n, b) => n + b.data.findings.length, 0);
    document.getElementById("open-findings").textContent = `${open} open finding(s)`;
  }

  function blockNode(data) {
    const label = data.index < 0 ? "title" : `${data.kind} ${data.index}`;
    const hasDiffs = Boolean(data.machine_vs_human || data.source_change);
    const source = el("div", { class: "source", lang: view.source_lang }, el("div", { class: "text", text: data.source }));
    if (data.source_change) {
      source.append(
        el("p", { class: "stale-note", text: "The original changed after this was translated: compare (Diffs), correct the translation, then mark it reviewed." }),
        el("div", { class: "diffs" }, el("div", { class: "diff-label", text: "Old original → new original" }), diffNode(data.source_change)),
      );
    }
    const target = el("div", { class: "target", lang: data.lang }, el("div", { class: "text", text: data.current || "—" }));
    if (data.machine_vs_human) {
      target.append(el("div", { class: "diffs" }, el("div", { class: "diff-label", text: "Machine draft → human text" }), diffNode(data.machine_vs_human)));
    }
    const actions = el("div", { class: "actions" });
    if (data.editable) {
      actions.append(
        el("button", { type: "button", class: "edit", text: "Edit", onclick: () => openEditor(data.index) }),
        el("button", { type: "button", class: "review", text: "Reviewed", disabled: data.status === "reviewed", onclick: () => save(data.index, "reviewed") }),
      );
    }
    if (hasDiffs) actions.append(el("button", { type: "button", class: "toggle-diffs", text: "Diffs", onclick: () => toggleDiffs(data.index) }));
    target.append(actions);
    if (data.findings.length) {
      target.append(
        el(
          "ul",
          { class: "findings" },
          ...data.findings.map((f) =>
            el(
              "li",
              { "data-finding": f.id },
              el("strong", { text: f.check }),
              ": ",
              f.explanation,
              " ",
              el("code", { text: f.evidence }),
              " ",
              el("button", { type: "button", class: "dismiss", text: "Dismiss", title: "harmless: hide it until either text changes", onclick: () => dismiss(data.index, f.id) }),
            ),
          ),
        ),
      );
    }
    const node = el(
      "section",
      { class: `block ${data.status}`, id: `block-${data.index}`, tabindex: "0", "data-index": String(data.index) },
      el(
        "div",
        { class: "meta" },
        el("div", { class: "label", text: label }),
        el("span", { class: `chip ${data.status}`, text: data.status }),
        data.engine ? el("div", { class: "engine", text: data.engine }) : null,
        data.flags.length ? el("div", { class: "flags", text: data.flags.join(", ") }) : null,
      ),
      source,
      target,
      el("div", { class: "message", role: "alert" }),
    );
    node.addEventListener("focusin", () => select(node, false));
    const old = blocks.get(data.index);
    blocks.set(data.index, { data, node, editor: null });
    if (old && old.node.isConnected) old.node.replaceWith(node);
    return node;
  }

  function message(index, text, kind) {
    const box = blocks.get(index).node.querySelector(".message");
    box.textContent = text;
    box.className = `message ${kind || ""}`;
  }

  function openEditor(index, draft) {
    const entry = blocks.get(index);
    if (!entry || !entry.data.editable) return;
    if (entry.editor) {
      entry.editor.focus();
      return;
    }
    const text = entry.node.querySelector(".target > .text");
    const editor = el("textarea", { class: "editor", rows: String(Math.max(3, Math.ceil((entry.data.current.length || 1) / 70))), lang: entry.data.lang, "aria-label": "translation" });
    editor.value = draft ? draft.text : entry.data.current;
    editor.addEventListener("input", () => localStorage.setItem(draftKey(index), JSON.stringify({ text: editor.value, version: entry.data.version })));
    const buttons = el(
      "div",
      { class: "edit-actions" },
      el("button", { type: "button", class: "save", text: "Save", onclick: () => save(index, "edited") }),
      el("button", { type: "button", class: "save-reviewed", text: "Save as reviewed", onclick: () => save(index, "reviewed") }),
      el("button", { type: "button", class: "cancel", text: "Cancel", onclick: () => closeEditor(index) }),
    );
    text.after(editor, buttons);
    text.hidden = true;
    entry.editor = editor;
    entry.node.classList.add("editing");
    if (draft) {
      localStorage.setItem(draftKey(index), JSON.stringify(draft));
      const changed = draft.version !== entry.data.version;
      message(
        index,
        changed
          ? "Your unsaved draft is back, but the block changed since you wrote it (its saved text is shown with Cancel). Saving replaces it."
          : "Your unsaved draft is back.",
        "info",
      );
    } else {
      editor.focus();
    }
  }

  function closeEditor(index) {
    localStorage.removeItem(draftKey(index));
    const entry = blocks.get(index);
    blockNode(entry.data).focus();
  }

  async function save(index, status) {
    const entry = blocks.get(index);
    const payload = { status, version: entry.data.version };
    if (entry.editor) payload.text = entry.editor.value;
    entry.node.classList.add("busy");
    try {
      const result = await api("PUT", blockUrl(index), payload);
      localStorage.removeItem(draftKey(index));
      blockNode(result.block).focus();
      refreshCounts(result.counts);
      say(`${index < 0 ? "Title" : `Block ${index}`} saved: ${result.block.status}.`, "ok");
    } catch (error) {
      entry.node.classList.remove("busy");
      const kept = entry.editor ? " Your text is kept here, and as a draft if you leave." : "";
      message(index, error.message + kept, "error");
      say(`Not saved: ${error.message}`, "error");
    }
  }

  async function dismiss(index, id) {
    try {
      const result = await api("POST", `/api/statements/${encodeURIComponent(slug)}/${lang}/findings/${encodeURIComponent(id)}/dismiss`);
      const fresh = result.blocks.find((b) => b.index === index);
      if (fresh && !blocks.get(index).editor) blockNode(fresh);
      else blocks.get(index).node.querySelector(`[data-finding="${CSS.escape(id)}"]`)?.remove();
      if (fresh) blocks.get(index).data.findings = fresh.findings;
      refreshCounts(result.counts);
      say("Finding dismissed: it returns if either text changes.", "ok");
    } catch (error) {
      message(index, error.message, "error");
    }
  }

  function toggleDiffs(index) {
    blocks.get(index).node.classList.toggle("open");
  }

  function select(node, focus) {
    for (const other of main.querySelectorAll(".block.current")) other.classList.remove("current");
    node.classList.add("current");
    if (focus) {
      node.focus();
      node.scrollIntoView({ block: "nearest" });
    }
  }

  function current() {
    return main.querySelector(".block.current");
  }

  function move(step) {
    const all = [...main.querySelectorAll(".block")];
    const at = all.indexOf(current());
    const next = all[Math.min(all.length - 1, Math.max(0, at + step))];
    if (next) select(next, true);
  }

  document.addEventListener("keydown", (ev) => {
    if (page.dataset.view !== "statement") return;
    const node = current();
    const index = node ? Number(node.dataset.index) : null;
    if (ev.target.tagName === "TEXTAREA") {
      const own = Number(ev.target.closest(".block").dataset.index);
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        save(own, ev.shiftKey ? "reviewed" : "edited");
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        ev.target.closest(".block").focus();
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.target.tagName === "INPUT" || ev.target.tagName === "BUTTON") return;
    const keys = {
      j: () => move(1),
      k: () => move(-1),
      e: () => openEditor(index),
      Enter: () => openEditor(index),
      r: () => save(index, "reviewed"),
      d: () => toggleDiffs(index),
    };
    if (keys[ev.key] && (index !== null || ev.key === "j" || ev.key === "k")) {
      ev.preventDefault();
      keys[ev.key]();
    }
  });

  // Leaving with an open, changed editor asks first; the draft is in localStorage either way.
  window.addEventListener("beforeunload", (ev) => {
    const unsaved = [...blocks.values()].some((b) => b.editor && b.editor.value !== b.data.current);
    if (unsaved) {
      ev.preventDefault();
      ev.returnValue = "";
    }
  });

  const views = { home, statement };
  const run = () =>
    views[page.dataset.view]().catch((error) => {
      main.replaceChildren(el("p", { class: "error", text: error.message }));
      say(error.message, "error");
    });
  window.addEventListener("hashchange", () => page.dataset.view === "home" && run());
  run();
})();
