// Searchable unit pickers. A select (or a list of checkboxes) marked `data-unit-picker` keeps
// working as it is without this module; with it, a search box above the list narrows it as one
// types, ignoring case and diacritics like the tree search ("thuong thanh", "THƯỢNG THANH" →
// "Thượng Thanh"), and a list of the matches lets one pick a unit with a click or the keyboard.
// The select stays the form's field: choosing a match selects its option. The attribute's value
// is the search box's label, translated by the server. No inline script or style (strict CSP):
// the look is in app.css, the visibility through the `hidden` property.

const MAX_MATCHES = 30;
const FEW = 6; // a list this short is read at a glance: no search box

// Same folding as dangvu.core.text.fold: no marks, đ as d, lower case, single spaces.
export function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

let counter = 0;

function searchBox(label, listId) {
  const input = document.createElement("input");
  input.type = "search";
  input.className = "unit-picker-search";
  input.autocomplete = "off";
  input.placeholder = label;
  input.setAttribute("aria-label", label);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  return input;
}

function matchList(id) {
  const list = document.createElement("ul");
  list.id = id;
  list.className = "unit-picker-matches";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  return list;
}

// items: [{label, folded, choose(), element}] — element is hidden when it does not match.
function wire(anchor, items, label) {
  const listId = `unit-picker-${++counter}`;
  const input = searchBox(label, listId);
  const list = matchList(listId);
  const wrapper = document.createElement("div");
  wrapper.className = "unit-picker";
  anchor.before(wrapper);
  wrapper.append(input, list);
  let active = -1;
  let shown = [];

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (options[index]) input.setAttribute("aria-activedescendant", options[index].id);
  }

  function pick(item) {
    item.choose();
    input.value = "";
    items.forEach((other) => {
      if (other.element) other.element.hidden = false;
    });
    close();
  }

  function update() {
    const query = fold(input.value);
    const found = [];
    items.forEach((item) => {
      const match = !query || item.folded.includes(query);
      if (item.element) item.element.hidden = !match;
      if (query && match) found.push(item);
    });
    list.replaceChildren();
    shown = [];
    if (!query) return close();
    found.slice(0, MAX_MATCHES).forEach((item, i) => {
      const option = document.createElement("li");
      option.id = `${listId}-${i}`;
      option.setAttribute("role", "option");
      option.textContent = item.label;
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => pick(item));
      list.append(option);
    });
    if (!found.length) {
      const none = document.createElement("li");
      none.className = "muted";
      none.textContent = "—";
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    highlight(found.length ? 0 : -1);
    shown = found.slice(0, MAX_MATCHES);
  }

  input.addEventListener("input", update);
  input.addEventListener("keydown", (event) => {
    const found = shown;
    if (event.key === "ArrowDown" && found.length) {
      event.preventDefault();
      highlight(Math.min(active + 1, found.length - 1));
    } else if (event.key === "ArrowUp" && found.length) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault(); // never submit the form from the search box
      if (!list.hidden && found[active]) pick(found[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

function enhanceSelect(select) {
  const options = Array.from(select.options).filter((option) => option.value !== "");
  if (options.length <= FEW) return;
  const items = options.map((option) => ({
    label: option.textContent.trim(),
    folded: fold(option.textContent),
    element: select.multiple ? option : null,
    choose() {
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    },
  }));
  wire(select, items, select.dataset.unitPicker || "");
}

function enhanceCheckboxes(boxes) {
  if (boxes.length <= FEW) return;
  const rows = boxes.map((box) => box.closest("label")?.parentElement || box.parentElement);
  const items = boxes.map((box, i) => {
    const text = (box.closest("label") || rows[i]).textContent;
    return {
      label: text.trim(),
      folded: fold(text),
      element: rows[i],
      choose() {
        box.checked = true;
        box.dispatchEvent(new Event("change", { bubbles: true }));
      },
    };
  });
  const container = rows[0].parentElement || rows[0];
  wire(container, items, boxes[0].dataset.unitPicker || "");
}

export function enhance(root) {
  root.querySelectorAll("select[data-unit-picker]").forEach((select) => {
    if (select.dataset.unitPickerReady) return;
    select.dataset.unitPickerReady = "1";
    enhanceSelect(select);
  });
  const groups = new Map();
  root.querySelectorAll("input[type=checkbox][data-unit-picker]").forEach((box) => {
    if (box.dataset.unitPickerReady) return;
    box.dataset.unitPickerReady = "1";
    if (!groups.has(box.name)) groups.set(box.name, []);
    groups.get(box.name).push(box);
  });
  groups.forEach(enhanceCheckboxes);
}

enhance(document);
// Forms swapped in by htmx (a refused form coming back with its errors) get theirs too.
document.addEventListener("htmx:afterSwap", (event) => enhance(event.target));
