// Rich-text boxes (textarea[data-richtext]): ProseMirror through Tiptap, from the
// django-prose-editor package, served from our own static files. The strict Content-Security-Policy
// holds: no import map (an inline script) — the module is imported by its path; no injected
// <style> — `injectCSS: false`, the editor's base rules are in richtext.css.
// Only what the report documents print is offered: paragraphs and lists (each item becomes a
// paragraph of the report). The server sanitises again whatever arrives.
import {
  BulletList,
  Document,
  Editor,
  History,
  ListItem,
  Menu,
  OrderedList,
  Paragraph,
  Text,
  crel,
} from "../../django_prose_editor/editor.js";

const EMPTY = /^<(\w+)(\s[^>]*)?><\/\1>$/i;

function attach(textarea) {
  if (textarea.closest(".prose-editor")) return;
  const wrapper = crel("div", { className: "prose-editor richtext-editor" });
  textarea.before(wrapper);
  wrapper.append(textarea);
  // The label names the editable area instead of the hidden textarea.
  const label = textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
  const attributes = { role: "textbox", "aria-multiline": "true" };
  if (label) {
    label.id = label.id || `${textarea.id}-label`;
    label.removeAttribute("for");
    attributes["aria-labelledby"] = label.id;
  }
  const editor = new Editor({
    element: wrapper,
    injectCSS: false,
    editable: !textarea.disabled,
    extensions: [Document, Paragraph, Text, BulletList, OrderedList, ListItem, History, Menu],
    content: textarea.value,
    editorProps: { attributes },
    onUpdate({ editor: current }) {
      const html = current.getHTML();
      textarea.value = EMPTY.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
  });
  if (label) label.addEventListener("click", () => editor.commands.focus());
}

function attachAll(root) {
  root.querySelectorAll("textarea[data-richtext]").forEach(attach);
}

attachAll(document);
document.addEventListener("htmx:afterSwap", (event) => attachAll(event.target));
