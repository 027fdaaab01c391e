/**
 * Strings of the chat, the offline form and the survey, both languages: they travel in the chat
 * chunk (socket.io-client + chat UI), fetched only when the visitor chooses to talk.
 */
const en = {
  backToSearch: 'Search answers',
  messages: 'Messages',
  message: 'Message',
  send: 'Send',
  you: 'You',
  agent: 'Support',
  sending: 'Sending…',
  retrying: 'Not sent yet, retrying…',
  sent: 'Sent',
  seen: 'Seen',
  failed: 'Not sent',
  dismiss: 'Remove',
  typing: '{name} is typing…',
  connecting: 'Connecting…',
  disconnected: 'Connection lost. Your messages will be sent when it returns.',
  reconnecting: 'Reconnecting…',
  chatEmpty: 'Ask us anything. A person will answer here.',
  email: 'Email',
  name: 'Name (optional)',
  leaveMessage: 'Send message',
  offlineSent: 'Thanks. We will reply to {email}.',
  surveyQuestion: 'How likely are you to recommend us to a friend?',
  surveyLow: 'Not likely',
  surveyHigh: 'Very likely',
  surveyScore: '{score} out of 10',
  surveyComment: 'What could we do better? (optional)',
  surveyThanks: 'Thank you for rating this conversation.',
  conversationClosed: 'This conversation was closed.',
} as const;

export type ChatKey = keyof typeof en;

const fa: Record<ChatKey, string> = {
  backToSearch: 'جستجوی پاسخ‌ها',
  messages: 'پیام‌ها',
  message: 'پیام',
  send: 'ارسال',
  you: 'شما',
  agent: 'پشتیبانی',
  sending: 'در حال ارسال…',
  retrying: 'هنوز ارسال نشده، دوباره تلاش می‌کنیم…',
  sent: 'ارسال شد',
  seen: 'دیده شد',
  failed: 'ارسال نشد',
  dismiss: 'حذف',
  typing: '{name} در حال نوشتن است…',
  connecting: 'در حال اتصال…',
  disconnected: 'اتصال قطع شد. پیام‌های شما پس از برقراری اتصال ارسال می‌شوند.',
  reconnecting: 'در حال اتصال دوباره…',
  chatEmpty: 'هر پرسشی دارید بنویسید. یکی از همکاران ما همین‌جا پاسخ می‌دهد.',
  email: 'ایمیل',
  name: 'نام (اختیاری)',
  leaveMessage: 'ارسال پیام',
  offlineSent: 'سپاسگزاریم. به {email} پاسخ می‌دهیم.',
  surveyQuestion: 'چقدر احتمال دارد ما را به دوستانتان پیشنهاد کنید؟',
  surveyLow: 'بعید است',
  surveyHigh: 'بسیار محتمل',
  surveyScore: '{score} از ۱۰',
  surveyComment: 'چه چیزی را می‌توانستیم بهتر انجام دهیم؟ (اختیاری)',
  surveyThanks: 'از امتیازی که به این گفتگو دادید سپاسگزاریم.',
  conversationClosed: 'این گفتگو بسته شد.',
};

export const chatStrings = { en, fa };
