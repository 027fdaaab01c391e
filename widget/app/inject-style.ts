/** Adds a stylesheet to the widget's shadow root (the lazy chunks bring their own CSS). */
export function injectStyle(root: ShadowRoot, css: string): HTMLStyleElement {
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return style;
}
