// The live player's number formats and small page helpers (the first of the player's files; see
// f2c/ui/live_player/__init__.py, which joins them into one module).

// Python's number formats, so the browser shows what the server would ("0.5358", "1.23e-05").
function pyExp(text) {
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}
// toLocaleString is slow enough to show in a profile at 60 frames a second: group the digits by hand.
const int = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
export function fmt(v, digits = 4) {
  if (!Number.isFinite(v)) return "—";
  if (v !== 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 10 ** -digits)) return pyExp(v.toExponential(digits - 1));
  const [whole, frac] = Math.abs(v).toFixed(digits).split(".");
  return (v < 0 ? "-" : "") + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + frac;
}
function pyG(v, d) {
  if (v === 0) return "0";
  const [mant, e] = v.toExponential(d - 1).split("e");
  const exp = parseInt(e, 10);
  if (exp < -4 || exp >= d) return pyExp(mant.replace(/\.?0+$/, "") + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp));
  let f = v.toFixed(Math.max(0, d - 1 - exp));
  if (f.includes(".")) f = f.replace(/\.?0+$/, "");
  return f;
}
export function short(v) {
  if (!Number.isFinite(v)) return "—";
  let text = "";
  for (const d of [6, 5, 4, 3]) {
    text = pyG(v, d);
    if (text.length <= 8) break;
  }
  return text;
}
// Only what changed is written: every write to the page costs a style and layout pass.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function el(tag, cls, parent, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}


// "#0e1117", "#fff" or "rgb(14, 17, 23)" as [r, g, b]; null for anything else.
function parseColor(text) {
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (m) {
    const h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(text);
  return m ? [+m[1], +m[2], +m[3]] : null;
}
