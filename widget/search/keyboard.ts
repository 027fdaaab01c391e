/**
 * Text typed with the keyboard on the wrong language: a Persian visitor whose keyboard is still
 * on English types "vlc uf,v" for «رمز عبور», and the other way round. The same keys on the
 * other layout (the standard Persian layout, ISIRI 9147; Windows' older one puts «پ» on "\").
 */
const LATIN = "qwertyuiop[]asdfghjkl;'zxcvbnm,\\";
const PERSIAN = 'ضصثقفغعهخحجچشسیبلاتنمکگظطزرذدپوپ';

/**
 * `text` as its keys type it on the other layout: Persian as English if it has a Persian letter,
 * else English as Persian. A Latin name in a Persian query was typed on the English layout.
 */
export function otherKeyboard(text: string): string {
  const [from, to] = /[\u0600-\u06ff]/.test(text) ? [PERSIAN, LATIN] : [LATIN, PERSIAN];
  return text.toLowerCase().replace(/./g, (ch) => to[from.indexOf(ch)] ?? ch);
}
