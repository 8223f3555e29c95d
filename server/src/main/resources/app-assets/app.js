// The inbox's own script: only what htmx does not do by itself. No inline script exists (the CSP forbids it).
(function () {
  "use strict";

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : null;
  }

  // Every htmx request carries the CSRF token (the page's forms carry it as a hidden field).
  document.addEventListener("htmx:configRequest", function (event) {
    var header = meta("csrf-header");
    var token = meta("csrf-token");
    if (header && token) {
      event.detail.headers[header] = token;
    }
  });

  // Notices can be dismissed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-dismiss]");
    if (button) {
      var notice = button.closest(".problems, .notice");
      if (notice) {
        notice.remove();
      }
    }
  });

  // ---- The inbox ----------------------------------------------------------------------------------------

  var baseTitle = document.title;

  function inbox() {
    return document.getElementById("inbox");
  }

  function chatList() {
    return document.getElementById("chat-list");
  }

  function openChat() {
    var messages = document.getElementById("messages");
    return messages ? messages.getAttribute("data-chat") : null;
  }

  /** The filters the list was loaded with, as a query string. */
  function listQuery() {
    var form = document.getElementById("chat-filters");
    if (!form) {
      return "";
    }
    return new URLSearchParams(new FormData(form)).toString();
  }

  /** The tab's title shows the unread count (inbox.md §2 "Live"). */
  function setUnread(count) {
    var n = parseInt(count, 10);
    if (isNaN(n)) {
      return;
    }
    if (chatList()) {
      chatList().setAttribute("data-unread", String(n));
    }
    document.title = (n > 0 ? "(" + n + ") " : "") + baseTitle;
  }

  /** A GET for a fragment; an expired session sends the page to the sign-in page. */
  function fetchFragment(url) {
    return fetch(url, {headers: {"HX-Request": "true"}, credentials: "same-origin"}).then(function (response) {
      var redirect = response.headers.get("HX-Redirect");
      if (redirect) {
        window.location.href = redirect;
        throw new Error("signed out");
      }
      var unread = response.headers.get("X-Inbox-Unread");
      if (unread !== null) {
        setUnread(unread);
      }
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.text();
    });
  }

  function parse(html, wrapper) {
    var template = document.createElement("template");
    template.innerHTML = wrapper ? "<" + wrapper + ">" + html + "</" + wrapper + ">" : html;
    return wrapper ? template.content.firstElementChild : template.content;
  }

  /**
   * Runs {@code task} (which answers a promise) for a key one at a time: what is asked while it runs is done
   * once more after it, so that an older answer can never land after a newer one.
   */
  var running = {};
  function serialized(key, task) {
    var state = running[key];
    if (state) {
      state.again = true;
      return state.promise;
    }
    state = running[key] = {again: false};
    var run = function () {
      state.again = false;
      return task().catch(function () {}).then(function () {
        if (state.again) {
          return run();
        }
        delete running[key];
      });
    };
    state.promise = run();
    return state.promise;
  }

  /** Puts a row where its last activity places it (newest first). */
  function placeRow(list, row) {
    var order = parseInt(row.getAttribute("data-order") || "0", 10);
    var rows = list.querySelectorAll(":scope > li.chat-row");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i] !== row && parseInt(rows[i].getAttribute("data-order") || "0", 10) <= order) {
        list.insertBefore(row, rows[i]);
        return;
      }
    }
    var more = list.querySelector(":scope > li.more");
    list.insertBefore(row, more);
  }

  function refreshRow(chatId) {
    return serialized("row:" + chatId, function () {
      return loadRow(chatId);
    });
  }

  function loadRow(chatId) {
    var list = chatList();
    if (!list) {
      return Promise.resolve();
    }
    return fetchFragment("/app/chat-list/rows/" + encodeURIComponent(chatId) + "?" + listQuery()).then(function (html) {
      var fresh = parse(html, "ul").firstElementChild;
      var current = document.getElementById("chat-" + chatId);
      if (!fresh || fresh.hasAttribute("data-remove")) {
        if (current) {
          current.remove();
        }
        return;
      }
      if (current && current.classList.contains("selected")) {
        fresh.classList.add("selected");
      }
      if (current) {
        current.remove();
      }
      var none = list.querySelector(":scope > li.none");
      if (none) {
        none.remove();
      }
      placeRow(list, fresh);
      htmx.process(fresh);
    });
  }

  /** Brings the open conversation up to date: new messages added, changed ones (statuses) replaced. */
  function refreshConversation() {
    return serialized("conversation", loadRecent);
  }

  function loadRecent() {
    var chatId = openChat();
    if (!chatId) {
      return Promise.resolve();
    }
    return fetchFragment("/app/chats/" + encodeURIComponent(chatId) + "/recent").then(function (html) {
      if (openChat() === chatId) {
        reconcile(html, chatId);
      }
    });
  }

  /**
   * Merges an answer of the conversation's recent state (a live update, a send, an action) with what the
   * page shows: the header replaced, messages replaced by id or added in time order.
   */
  function reconcile(html, chatId) {
    var fragment = parse(html);
    var header = fragment.querySelector("#conversation-header");
    var currentHeader = document.getElementById("conversation-header");
    if (header && currentHeader) {
      currentHeader.replaceWith(header);
      htmx.process(header);
      applyWindow(header);
    }
    var messages = document.getElementById("messages");
    if (!messages) {
      return;
    }
    var fresh = fragment.querySelectorAll("li.msg");
    var known = 0;
    var newInbound = false;
    var atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
    var hadMessages = messages.querySelector("li.msg") !== null;
    fresh.forEach(function (li) {
      var current = document.getElementById(li.id);
      if (current) {
        known++;
        current.replaceWith(li);
      } else {
        insertMessage(messages, li);
        newInbound = newInbound || li.classList.contains("in");
      }
      htmx.process(li);
    });
    if (known === 0 && hadMessages && fresh.length >= 50) {
      // More arrived than the reconciliation covers: load the conversation again.
      htmx.ajax("GET", "/app/chats/" + encodeURIComponent(chatId) + "?" + listQuery(), {target: "#conversation", swap: "innerHTML"});
      return;
    }
    if (newInbound) {
      markRead(chatId);
    }
    if (atBottom || !hadMessages) {
      messages.scrollTop = messages.scrollHeight;
    }
  }

  /** The composer follows the 24-hour window the header reports: free text only while it is open. */
  function applyWindow(header) {
    var actions = header.querySelector("[data-window]");
    var composer = document.getElementById("composer");
    if (!actions || !composer) {
      return;
    }
    var open = actions.getAttribute("data-window") === "open";
    composer.classList.toggle("window-closed", !open);
    composer.querySelectorAll("#text, #file, #send").forEach(function (el) {
      el.disabled = !open;
    });
  }

  /** A person has the chat open: what arrives in it is read, while the tab is in view. */
  function markRead(chatId) {
    if (document.visibilityState !== "visible") {
      return;
    }
    var headers = {"HX-Request": "true"};
    var header = meta("csrf-header");
    if (header) {
      headers[header] = meta("csrf-token");
    }
    fetch("/app/chats/" + encodeURIComponent(chatId) + "/read", {method: "POST", headers: headers, credentials: "same-origin"})
      .catch(function () {});
  }

  document.addEventListener("visibilitychange", function () {
    var chatId = openChat();
    var row = chatId && document.getElementById("chat-" + chatId);
    if (row && row.querySelector(".unread")) {
      markRead(chatId);
    }
  });

  function insertMessage(messages, li) {
    li.setAttribute("data-new", "");
    var ts = parseInt(li.getAttribute("data-ts") || "0", 10);
    var all = messages.querySelectorAll(":scope > li.msg");
    for (var i = all.length - 1; i >= 0; i--) {
      if (parseInt(all[i].getAttribute("data-ts") || "0", 10) <= ts) {
        all[i].after(li);
        return;
      }
    }
    messages.appendChild(li);
  }

  function catchUp() {
    var list = chatList();
    if (list) {
      htmx.ajax("GET", "/app/chat-list?" + listQuery(), {target: "#chat-list", swap: "innerHTML"});
    }
    refreshConversation();
  }

  var opens = 0;
  document.addEventListener("htmx:sseOpen", function () {
    opens++;
    if (opens > 1) {
      // Reconnected: what happened meanwhile was not pushed; load it.
      catchUp();
    }
  });

  document.addEventListener("htmx:sseBeforeMessage", function (event) {
    event.preventDefault(); // the events carry ids, not HTML to swap
    var message = event.detail;
    if (message.type === "resync") {
      catchUp();
      return;
    }
    if (message.type === "chat") {
      var chatId = message.data;
      refreshRow(chatId).catch(function () {});
      if (openChat() === chatId) {
        refreshConversation().catch(function () {});
      }
    }
  });

  // The list's own loads report the unread count too; sends and actions answer the conversation's state.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var unread = xhr && xhr.getResponseHeader("X-Inbox-Unread");
    if (unread !== null && unread !== undefined) {
      setUnread(unread);
    }
    var elt = event.detail.elt;
    if (!xhr || !event.detail.successful || !elt || !elt.closest("[data-reconcile]")) {
      return;
    }
    var chatId = openChat();
    if (chatId && xhr.status === 200 && xhr.responseText) {
      reconcile(xhr.responseText, chatId);
      // A live refresh already under way may answer older state: one more after it settles the page.
      refreshConversation();
    }
    if (elt.id === "composer") {
      elt.reset();
      var name = elt.querySelector(".file-name");
      if (name) {
        name.textContent = "";
      }
      var text = document.getElementById("text");
      if (text && !text.disabled) {
        text.focus();
      }
    }
  });

  // A template went out: the picker closes.
  document.addEventListener("templateSent", closePicker);

  function closePicker() {
    var picker = document.getElementById("template-picker");
    if (picker) {
      picker.innerHTML = "";
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-close-picker]")) {
      closePicker();
      var open = document.getElementById("open-templates");
      if (open) {
        open.focus();
      }
    }
  });

  // Enter sends, Shift+Enter starts a new line (as in WhatsApp).
  document.addEventListener("keydown", function (event) {
    if (event.target.id === "text" && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      var form = document.getElementById("composer");
      if (form && event.target.value.trim() !== "") {
        htmx.trigger(form, "submit");
      }
    }
    if (event.key === "Escape") {
      closePicker();
    }
  });

  // The chosen file's name shows beside the button.
  document.addEventListener("change", function (event) {
    if (event.target.id === "file") {
      var name = event.target.closest("form").querySelector(".file-name");
      var file = event.target.files && event.target.files[0];
      if (name) {
        name.textContent = file ? file.name : "";
      }
    }
  });

  // One column at a time on a phone: which one shows.
  function showView(view) {
    var box = inbox();
    if (box) {
      box.setAttribute("data-view", view);
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-view-link]");
    if (link && inbox()) {
      event.preventDefault();
      showView(link.getAttribute("data-view-link"));
    }
  });

  function afterConversationLoad() {
    var messages = document.getElementById("messages");
    if (!messages) {
      return;
    }
    messages.scrollTop = messages.scrollHeight;
    var chatId = messages.getAttribute("data-chat");
    var conversation = document.getElementById("conversation");
    conversation.setAttribute("data-chat", chatId);
    document.querySelectorAll("#chat-list li.chat-row.selected").forEach(function (li) {
      li.classList.remove("selected");
    });
    var row = document.getElementById("chat-" + chatId);
    if (row) {
      row.classList.add("selected");
      var unread = row.querySelector(".unread");
      if (unread) {
        unread.remove();
      }
    }
    showView("chat");
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "conversation") {
      afterConversationLoad();
    }
    if (event.detail.target && event.detail.target.id === "template-picker") {
      // Keyboard users land in the picker: the first template, or the first field to fill in.
      var first = event.detail.target.querySelector("input[type=text], .template-choice");
      if (first) {
        first.focus();
      }
      event.detail.target.scrollIntoView({block: "nearest"});
    }
    if (event.detail.target && event.detail.target.id === "chat-list") {
      var chatId = openChat();
      var row = chatId && document.getElementById("chat-" + chatId);
      if (row) {
        row.classList.add("selected");
      }
    }
  });

  // Earlier messages go in above what the person is reading: the message that was first under the button stays
  // where it was on the screen. Browsers without scroll anchoring would jump to the oldest message loaded, and
  // in Chromium the loaded messages would first take content-visibility's estimated height and their real one
  // only as they come near the view: they are laid out once, and the view follows the message for a few frames.
  var earlierAnchor = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.matches || !target.matches("#messages > li.earlier")) {
      return;
    }
    var next = target.nextElementSibling;
    while (next && !next.classList.contains("msg")) {
      next = next.nextElementSibling;
    }
    earlierAnchor = next ? {element: next, top: next.getBoundingClientRect().top} : null;
  });

  function holdInView(messages, anchor, frames) {
    if (!anchor.element.isConnected) {
      return;
    }
    var moved = anchor.element.getBoundingClientRect().top - anchor.top;
    if (Math.abs(moved) >= 1) {
      messages.scrollTop += moved;
    }
    if (frames > 0) {
      requestAnimationFrame(function () {
        holdInView(messages, anchor, frames - 1);
      });
    }
  }

  // Earlier messages: two separators for one day become one; the view stays on what was read.
  document.addEventListener("htmx:afterSettle", function () {
    var messages = document.getElementById("messages");
    if (!messages) {
      return;
    }
    var days = messages.querySelectorAll(":scope > li.day");
    var seen = {};
    days.forEach(function (day) {
      if (seen[day.textContent]) {
        day.remove();
      } else {
        seen[day.textContent] = true;
      }
    });
    if (earlierAnchor && earlierAnchor.element.isConnected) {
      // Laid out at once with their real heights (not content-visibility's estimate), so that the view can be
      // put back exactly; afterwards they are skipped again when out of view, keeping the heights measured.
      var loaded = [];
      for (var li = messages.firstElementChild; li && li !== earlierAnchor.element; li = li.nextElementSibling) {
        li.classList.add("laid-out");
        loaded.push(li);
      }
      holdInView(messages, earlierAnchor, 15);
      setTimeout(function () {
        loaded.forEach(function (item) {
          item.classList.remove("laid-out");
        });
      }, 1000);
      // The clicked button is gone: keyboard focus goes to the next one (or the list), without scrolling.
      var more = messages.querySelector(":scope > li.earlier button");
      (more || messages).focus({preventScroll: true});
    }
    earlierAnchor = null;
  });

  document.addEventListener("DOMContentLoaded", function () {
    var list = chatList();
    if (list) {
      setUnread(list.getAttribute("data-unread"));
    }
    if (document.getElementById("messages")) {
      afterConversationLoad();
    }
  });
})();
