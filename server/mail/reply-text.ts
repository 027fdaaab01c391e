/**
 * What the visitor wrote in an email reply, without the quoted history and the signature.
 * email-reply-parser knows the English (and most Western) "On … wrote:" headers and the "--"
 * signature; Persian mail clients' headers and our own "reply above this line" marker are cut
 * here first.
 */
import EmailReplyParser from 'email-reply-parser';

/** The line every email we send starts with, in both languages; everything from it on is history. */
export const REPLY_MARKER = '-- Reply above this line / پاسخ را بالای این خط بنویسید --';

/** A quoting header: "On Mon, … wrote:" is the library's; these are what it misses. */
const HEADER_LINES = [
  /^\s*>?\s*(در|On)\s.{0,200}(نوشت|wrote)\s*:\s*$/,
  /^\s*>?\s*-{2,}\s*(Original Message|پیام اصلی)\s*-{2,}\s*$/i,
  /^\s*>?\s*(From|از)\s*:\s.*$/,
];

/** Persian sign-offs many clients add under a reply. */
const SIGNATURE_LINES = [/^\s*ارسال شده از .{0,60}$/, /^\s*Sent from my .{0,60}$/i];

function cutAtHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((line) => line.includes(REPLY_MARKER) || HEADER_LINES.some((re) => re.test(line)));
  const kept = end === -1 ? lines : lines.slice(0, end);
  const signature = kept.findIndex((line) => SIGNATURE_LINES.some((re) => re.test(line)));
  return (signature === -1 ? kept : kept.slice(0, signature)).join('\n');
}

/** The new text of a reply, trimmed; '' when nothing new was written. */
export function replyText(body: string): string {
  const head = cutAtHistory(body);
  return new EmailReplyParser().parseReply(head).trim();
}
