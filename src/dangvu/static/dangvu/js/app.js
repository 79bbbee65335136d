// Dangvu's only script besides htmx: the menu button on small screens, and the column names that
// let a table read as cards on a phone (the CSS shows each cell's `data-label` under 600 px).
function labelTableCells(root) {
  root.querySelectorAll("table.table").forEach((table) => {
    const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    if (!heads.length) return;
    table.classList.add("cards-on-phone");
    table.querySelectorAll("tbody tr, tfoot tr").forEach((row) => {
      let column = 0;
      Array.from(row.children).forEach((cell) => {
        if (!cell.hasAttribute("data-label") && heads[column]) cell.setAttribute("data-label", heads[column]);
        column += cell.colSpan || 1;
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  labelTableCells(document);
  const toggle = document.querySelector("[data-nav-toggle]");
  const nav = document.getElementById("main-nav");
  if (!toggle || !nav) return;
  toggle.addEventListener("click", () => {
    const open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", String(open));
  });
});
// Tables swapped in by htmx get their labels too.
document.addEventListener("htmx:afterSwap", (event) => labelTableCells(event.target));
