/**
 * The built-in support vocabulary (issue 3): words visitors use for what FAQs call by
 * another name. Groups are separated by ";" and members by "|"; any member in a query also
 * looks for the others. It travels in the search payload (only the locales a FAQ has, only
 * when the site has it on), not in the widget bundle; a site's own words belong in its
 * entries' `keywords` and `synonyms`.
 */
export const VOCABULARY: Record<'en' | 'fa', string> = {
  en:
    'refund|money back|reimburse|reimbursement|repay;cancel|stop paying|terminate|quit;' +
    'return|send back|give back;exchange|swap|replace|replacement;' +
    'delivery|shipping|postage|courier;order|purchase|package|parcel;invoice|receipt|bill;' +
    'broken|damaged|defective|faulty|smashed|cracked;' +
    'contact|human|person|agent|representative|phone|call;discount|coupon|promo|voucher;' +
    'subscription|membership|plan;installments|pay later|split payment;password|passcode;' +
    'sign in|log in|login;price|cost|fee;account|profile;data|information;' +
    'declined|rejected|failed;track|where is',
  fa:
    'لغو|کنسل|انصراف|توقف|قطع;مرجوع|مرجوعی|پس دادن|پس فرستادن|برگرداندن|عودت;تعویض|عوض;' +
    'بازگشت وجه|استرداد|برگشت پول|پس گرفتن پول;ارسال|پست|تحویل|فرستادن;' +
    'فاکتور|صورتحساب|رسید;رمز|پسورد|گذرواژه;خراب|معیوب|شکسته|آسیب|ایراد;' +
    'تماس|پشتیبانی|کارشناس|اپراتور;تخفیف|کوپن|بن;اشتراک|عضویت|پلاس;قسط|اقساط|قسطی|اعتباری;' +
    'آدرس|نشانی;کالا|جنس|محصول;حساب|اکانت|پروفایل;پول|وجه|مبلغ;ایمیل|رایانامه;' +
    'ناموفق|رد|خطا;پیگیری|رهگیری|کجاست',
};

/**
 * Words that say little about what a visitor wants ("how do I…", "را", colloquial "رو",
 * "میشه"): they count for little in a query, so neither their presence nor their absence
 * decides a match. Sent in the search payload, like the vocabulary.
 */
export const STOP_WORDS: Record<'en' | 'fa', string> = {
  en:
    'a an the i im me my you your we our us it its is are was be been to of in on at for and or ' +
    'do does did can could how what which who will would should with this that there have has ' +
    'get got please need want just any some still not no yes if so from by about until come comes',
  fa:
    'را رو از به با در که و یا این آن اون این یه یک من ما شما برای برام برامون چطور چطوری چگونه ' +
    'میکنید میکنم میکنیم چه آیا هم هست است نیست میشه میشود شد شده باید کنم کنید کرد کردم دارید دارم داره دیگه دیگر ' +
    'میخوام میخواهم میخواستم لطفا ولی اگر تا چند',
};
