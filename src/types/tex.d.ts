// A formula typeset at build time (scripts/katex-plugin.ts).
declare module "*.tex?katex" {
  const formula: import("../ui/Formula").Typeset;
  export default formula;
}
