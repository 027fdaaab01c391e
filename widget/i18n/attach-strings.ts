/**
 * Strings of the attachment UI, both languages: they travel in its own chunk, fetched when the
 * chat shows, never on the search path.
 */
const en = {
  attach: 'Attach a file',
  uploading: 'Sending {name}…',
  fileTooLarge: 'That file is too large to send.',
  fileTypeNotAllowed: 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.',
  uploadFailed: 'The file could not be sent. Please try again.',
  fileSize: '{size} KB',
} as const;

export type AttachKey = keyof typeof en;

const fa: Record<AttachKey, string> = {
  attach: 'پیوست فایل',
  uploading: 'در حال ارسال {name}…',
  fileTooLarge: 'این فایل برای ارسال بیش از حد بزرگ است.',
  fileTypeNotAllowed: 'فقط تصویر (PNG، JPEG، GIF، WebP) و فایل PDF را می‌توان فرستاد.',
  uploadFailed: 'فایل فرستاده نشد. لطفاً دوباره تلاش کنید.',
  fileSize: '{size} کیلوبایت',
};

export const attachStrings = { en, fa };
