/**
 * The built-in support vocabulary: words visitors use for what FAQs call by another name,
 * written for help desks in general (billing, shops, services, telecoms), not for one FAQ. Groups are separated by ";" and members by "|"; any member in a query also
 * looks for the others. It travels in the search payload (only the locales a FAQ has, only
 * when the site has it on), not in the widget bundle; a site's own words belong in its
 * entries' `keywords` and `synonyms`.
 */
export const VOCABULARY: Record<'en' | 'fa', string> = {
  en:
    'refund|money back|reimburse|reimbursement|repay|repayment|credit back;percent|percentage|per cent;' +
    'cancel|cancellation|stop paying|terminate|termination|quit|end my|unsubscribe|opt out|dont want|no longer want|changed my mind;' +
    'return|send back|give back|take back|returns;exchange|swap|replace|replacement|change for another;' +
    'delivery|shipping|shipment|postage|courier|dispatch|deliver|arrive|arrival;' +
    'order|purchase|bought|buy|package|parcel|checkout;invoice|receipt|bill|billing|statement;' +
    'broken|damaged|defective|faulty|smashed|cracked|crushed|dented|not working|stopped working|dead|broke;' +
    'contact|reach|talk to|speak to|call|phone|telephone|get in touch|human|person|agent|representative|someone;' +
    'discount|coupon|promo|promotion|voucher|deal|reduction|cheaper|less;' +
    'subscription|membership|plan|package|tier;' +
    'installments|instalments|pay later|split payment|pay in parts|bit at a time|monthly payments|spread the cost|finance|financing;' +
    'password|passcode|pin|login details|credentials;sign in|log in|login|logon|sign on|access;' +
    'sign up|register|registration|create an account|join|enrol|enroll|enrolment|enrollment;' +
    'price|cost|fee|charge|rate|pricing|how much|tariff|expensive|cheap;account|profile|user;' +
    'data|information|info|details|records;' +
    'declined|rejected|refused|failed|failure|denied|bounced|did not go through;' +
    'track|tracking|where is|trace|follow|status;delete|remove|erase|wipe|close|get rid of|destroy|purge;' +
    'download|export|get a copy|save|backup|back up|extract;upload|import|attach|add a file;' +
    'change|update|edit|modify|correct|fix|amend|switch;' +
    'error|problem|issue|bug|trouble|not working|glitch;slow|laggy|lag|lagging|crawling|takes forever;' +
    'fast|quick|speed|faster|quicker;phone|mobile|cell|cellphone|smartphone|handset|iphone|android;' +
    'computer|laptop|pc|desktop|notebook|macbook;product|item|goods|merchandise;clothes|clothing|apparel|garment|garments|outfit;' +
    'smell|odour|odor|stink|stench;neighbour|neighbor|neighbours|neighbors|next door;flight|flights|airline|flying;hotel|accommodation|lodging;app|application|mobile app;' +
    'website|site|web|portal|page|online;email|e-mail|mail|inbox|message;' +
    'spam|junk|junk folder|spam folder;notification|notice|reminder|nudge|remind;' +
    'late|overdue|past due|unpaid|not paid|outstanding|behind on|forgot to pay|didnt pay|missed payment;fine|penalty|ticket|late fee|charge;' +
    'complaint|complain|grievance|dissatisfied|unhappy|not satisfied|object|objection|appeal|dispute;' +
    'help|support|assistance|aid|customer service|service desk|helpdesk;' +
    'hours|opening hours|open|opening times|when are you open|what time|business hours|schedule|availability;' +
    'address|location|where|directions|place;' +
    'move|moving|relocate|relocation|new address|change of address|new home|new flat;' +
    'home|house|flat|apartment|residence|dwelling;child|children|kid|kids|son|daughter|baby|minor;' +
    'parent|parents|mother|father|mum|mom|dad;remaining|left|still have|how much is left|balance left|leftover|unused|unspent;share|shared|sharing|split between;keep my number|same number|switch operator|move my number|come over to you;' +
    'elderly|senior|seniors|old age|old people|pensioner|retired|seventies|eighties;' +
    'disabled|disability|handicap|wheelchair|accessible|accessibility|impaired|blind|deaf;' +
    'money|cash|funds|payment|pay|paid|paying;card|credit card|debit card|bank card|visa|mastercard;' +
    'bank transfer|wire transfer|bank account|iban|direct debit|sepa;' +
    'free|no charge|no cost|complimentary|without paying|gratis;' +
    'trial|try|test|demo|evaluation|free trial;' +
    'upgrade|higher plan|bigger plan|more features|faster plan|go up;' +
    'downgrade|smaller plan|cheaper plan|lower plan|go down|reduce;' +
    'team|colleague|colleagues|coworker|coworkers|staff|employee|employees|members|seat|seats|users;' +
    'permission|permissions|role|roles|access rights|who can see|privileges|admin;' +
    'security|secure|safe|safety|protect|protection;' +
    'privacy|personal data|gdpr|data protection|confidential;' +
    'two-factor|2fa|two step|two-step|mfa|multi-factor|authenticator|verification code;' +
    'single sign-on|sso|saml|identity provider|company login|okta|azure ad;' +
    'api|developer|developers|integration|integrate|connect|sync|synchronise|synchronize|hook up;' +
    'key|token|secret|credential;' +
    "outage|down|offline|not working|unavailable|unreachable|disruption|interruption|no service|doesn't load|not loading|won't load;" +
    'status|uptime|availability|incident;' +
    'size|fit|measurements|dimensions|too big|too small|larger|smaller|bigger;colour|color|shade;' +
    'stock|available|availability|in stock|out of stock|sold out|back in stock|restock;' +
    'warranty|guarantee|warrantee|covered|coverage;repair|fix|mend|service|broken|maintenance;' +
    'install|installation|set up|setup|fit|mount|connect|hook up;' +
    'collect|pick up|pickup|fetch|click and collect|in store|come and get;' +
    'wrong|incorrect|mistake|error|not what I ordered|different item;' +
    "missing|lost|not arrived|never arrived|didn't arrive|did not arrive|didn't come|not received|did not receive|haven't received;" +
    'stolen|theft|robbed|burgled|lost|pickpocketed;gift|present|gift card|voucher;' +
    'wrap|wrapping|gift wrap|giftwrap;genuine|real|authentic|original|fake|counterfeit|legit;' +
    'business|company|companies|corporate|firm|organisation|organization|b2b|wholesale|bulk;' +
    'student|students|university|college|school|education|academic;' +
    'nonprofit|non-profit|charity|charities|ngo|foundation;loyalty|points|rewards|reward|bonus|club;' +
    'review|rating|feedback|opinion|testimonial;compare|comparison|side by side|difference|versus|vs;' +
    'wishlist|favourites|favorites|save for later|saved items;' +
    'newsletter|marketing|promotional|mailing list|advertising|ads;' +
    'job|jobs|career|careers|hiring|vacancy|vacancies|work for you|employment|position;' +
    'sell|seller|vendor|marketplace|partner|merchant;' +
    'recycle|recycling|recyclable|environment|green|sustainable|eco;packaging|box|boxes|wrapping|package;' +
    'tax|vat|sales tax|gst|duty|duties|customs duty|import duty;' +
    'currency|euros|euro|dollars|dollar|pounds|pound|gbp|usd|eur|exchange rate;' +
    'yearly|annual|annually|per year|a year|every year;monthly|per month|a month|every month|each month;' +
    'weekly|every week|per week;daily|every day|per day;today|now|right now|currently|at the moment;' +
    'tomorrow|next day|next working day;weekend|saturday|sunday;night|evening|after hours|late;' +
    'receipt|proof|proof of purchase|proof of payment|confirmation;' +
    'confirmation|confirm|verify|verification|validate;' +
    "forgot|forgotten|lost|can't remember|cannot remember|don't remember|reset|recover;" +
    'locked|locked out|blocked|suspended|frozen|disabled|paused;' +
    'unlock|unblock|reactivate|restore|resume|turn back on|reopen;' +
    'report|notify|tell you|let you know|flag|inform;photo|picture|image|snapshot|scan|camera;' +
    'document|documents|paperwork|papers|certificate|form;' +
    'id|identity|identification|id card|identity card|passport|driving licence;' +
    'licence|license|permit|authorisation|authorization|approval;' +
    'renew|renewal|extend|extension|expire|expired|expiry|expiring;' +
    'appointment|booking|book|reservation|reserve|slot|schedule;' +
    'wait|waiting|waiting list|queue|how long|duration|time|takes;' +
    'noise|noisy|loud|sound|racket|disturbance|nuisance;' +
    'rubbish|garbage|trash|waste|bin|bins|litter|refuse;' +
    'furniture|sofa|couch|mattress|wardrobe|bed|table|chair;' +
    'appliance|appliances|fridge|refrigerator|washing machine|washer|dishwasher|oven|tv|television;' +
    'car|vehicle|automobile|licence plate|license plate;bike|bicycle|cycle|ebike|e-bike;' +
    'parking|park|parked|parking space|parking spot;street|road|pavement|sidewalk|lane;' +
    'light|lamp|streetlight|street lamp|lighting;hole|pothole|crack|damage;tree|trees|hedge|garden|yard;' +
    'build|building|construction|extension|renovation|renovate|conversion;' +
    'landlord|letting agent|owner|rent|rental|tenant|tenancy|lease;' +
    'damp|mould|mold|moisture|leak|leaking|water damage;' +
    'benefit|benefits|welfare|allowance|assistance|support|income support|social assistance|subsidy|grant;' +
    'debt|debts|owe|arrears|creditors|loan|borrowed;' +
    "poor|low income|cannot afford|can't afford|no money|broke|afford;" +
    'unemployed|no job|jobless|redundant|laid off;marry|married|marriage|wedding|wed|get married;' +
    'baby|newborn|birth|born|new child;death|died|dead|deceased|passed away|funeral|bury|burial|grave;' +
    'citizen|citizenship|nationality|naturalisation|naturalization|passport;' +
    'foreign|abroad|overseas|international|outside the country|another country|from abroad;' +
    'travel|trip|holiday|vacation|journey|abroad;translate|translator|translation|interpreter|language;' +
    'volunteer|volunteering|help out|unpaid work;library|books|borrow|lending|e-books;' +
    'swim|swimming|pool|swimming pool;bus|tram|train|public transport|transit|metro;' +
    'elect|election|elections|vote|voting|ballot|polling;' +
    'event|party|festival|celebration|gathering|street party;' +
    'cafe|café|restaurant|bar|terrace|outdoor seating|tables outside;market|stall|stand|trader;' +
    'internet|broadband|connection|online|network|fibre|fiber;wifi|wi-fi|wireless|wlan|hotspot|signal;' +
    'router|modem|hub|box|gateway;tv|television|channels|telly|tv box|set-top box|decoder;' +
    'screen|display|picture|image|no picture;sim|sim card|esim|e-sim|simcard;' +
    'roaming|abroad|travel|overseas|holiday|international;' +
    'data|gigabytes|gig|gigs|gb|mb|megabytes|bundle|allowance|usage;call|calls|calling|ring|dial|phone call;' +
    'text|sms|message|texts|text message|text me;voicemail|answerphone|voice mail|answering machine;' +
    'landline|home phone|fixed line|fixed phone;kids|children|child|parental|family|minors;' +
    'block|blocking|filter|restrict|ban|bar;scam|phishing|fraud|fraudulent|fake|suspicious|spoof;' +
    'virus|antivirus|malware|anti-virus|security software;' +
    'game|gaming|games|play|console|playstation|xbox;ping|latency|lag|delay|response time;' +
    'technician|engineer|installer|repairman|mechanic|someone to come;' +
    'compensation|compensate|refund|credit|money back|reimburse;' +
    'price increase|price rise|went up|more expensive|higher price|price change|indexation;' +
    'transfer|hand over|move to someone else|give to|put in name|change owner|ownership;' +
    'owner|holder|account holder|ownership;' +
    'recurring|repeat|repeating|automatic|automatically|regular|every month|subscription billing;' +
    'quote|quotation|estimate|proposal|offer|pro forma;' +
    'credit note|credit memo|correction|correct an invoice|reverse;' +
    'deposit|advance|down payment|prepayment|partial payment|part payment;' +
    'overtime|hours|time|timesheet|timer|time tracking|log hours;' +
    'report|reports|reporting|analytics|statistics|overview|summary;' +
    'expense|expenses|spending|costs|outgoings;logo|brand|branding|colours|look|appearance|design;' +
    'dark mode|dark theme|night mode|black background;shortcut|shortcuts|hotkey|hotkeys|keyboard;' +
    'browser|chrome|firefox|safari|edge|internet explorer;' +
    'language|translate|english|spanish|german|french|arabic|persian;domain|subdomain|url|cname|dns;' +
    'webhook|webhooks|callback|notification url|event;' +
    'limit|limits|maximum|cap|quota|throttle|rate limit|too many requests;' +
    'sandbox|test mode|testing|staging|test environment;audit|log|history|activity|trail|audit log;' +
    'export|csv|excel|spreadsheet|xlsx;pdf|document|printable|print;' +
    'outlook|email client|mail app|thunderbird|imap|smtp;ip|ip address|static ip|fixed ip|public ip;' +
    'port|ports|port forwarding|open ports|nat;mesh|extender|repeater|booster|coverage|range|dead spot;' +
    'speed|speeds|mbps|mbit|gbit|gigabit|bandwidth;contract|agreement|commitment|term|minimum term;' +
    'notice|notice period|advance notice;switch|change provider|move to you|come over|port|porting;' +
    'double charge|charged twice|duplicate charge|charged two times|money taken|money was taken;' +
    'how long|how soon|when will|how many days|lead time;' +
    'top up|top-up|recharge|prepaid|pay as you go|credit;signal|reception|bars|no signal|coverage;' +
    'ill|sick|unwell|illness|medical|hospital|doctor|injured|injury;' +
    'pet|pets|animal|animals|dog|dogs|cat|cats|puppy|kitten|pooch;infant|baby|babies|newborn|toddler;' +
    'surname|last name|family name|name;pregnant|pregnancy|expecting a baby|weeks pregnant|maternity;' +
    'wheelchair|cannot walk|can not walk|mobility|disabled|disability|reduced mobility;' +
    'power outage|power cut|blackout|electricity cut|no power|no electricity;fire|burn|burned|burnt|blaze;' +
    'pre-existing|preexisting|existing condition|chronic|chronic illness|diabetes|diabetic|asthma;' +
    'estimated|estimate|guess|guessed|approximate|not read|nobody came;' +
    'disconnection|disconnected|cut off|shut off|switched off|switch me off;' +
    'high bill|bill too high|charged so much|so much|too much|huge bill|bill went up|doubled|tripled;' +
    'energy saving|save energy|use less|reduce consumption|lower my bill|saving tips;' +
    'surge|power surge|voltage spike|spike|fried|burnt out;winter|winters|cold months;' +
    'police|officer|cop|cops;kg|kilo|kilos|kilogram|kilograms;weight|weigh|weighs|heavy|overweight;plane|aircraft|airplane|aeroplane;' +
    'more time|extra time|extension|extend|postpone|delay|longer|more days|additional time;' +
    'homework|assignment|assignments|coursework|essay|essays|project|submission;' +
    'due|deadline|deadlines|due date|cut-off|cutoff;score|scores|grade|grades|graded|mark|marks|marked|result|results;' +
    'pass|passing|pass mark|passed;unfair|unfairly|unjust|disagree|not fair|wrongly|incorrectly|appeal|dispute|regrade;' +
    'diploma|certificate|certification|credential;count toward|count towards|go toward|go towards|credit|credits|ects;' +
    'lose|lose access|disappear|disappears|expire|expires|expiry|run out;forever|lifetime|for life|permanent|permanently;' +
    'fall behind|fallen behind|behind|missed|catch up;group|cohort|session|intake|batch;' +
    'video|videos|clip|clips|recording|recordings|footage;lecture|lectures|lesson|lessons|class|classes|module|modules;' +
    'freezing|freezes|frozen|stuck|hangs|buffering|stutters|stuttering|keeps stopping|choppy;' +
    "won't start|won't play|doesn't play|not playing|will not play|won't load|doesn't start;" +
    'offline|no internet|without internet|no wifi|no connection|without wifi;' +
    'watch me|watching me|monitor|monitored|monitoring|supervise|supervised|supervision|proctor|proctored|proctoring|invigilate|invigilation|invigilator;' +
    'camera|webcam|web cam;exam|exams|test|tests|examination|assessment;' +
    'dyslexia|dyslexic|adhd|autism|autistic|learning difficulty|special needs|accommodations|disability|disabled;' +
    'visually impaired|low vision|partially sighted|blind|screen reader;' +
    'spelled wrong|spelt wrong|misspelled|misspelt|spelling|typo|correct|correction;' +
    'teach|teaching|own course|sell my course|publish a course|instructor|instructors|teacher|teachers|tutor|tutors|lecturer|lecturers|professor|educator;' +
    'training|course|courses|learning|programme|program;employer|employers|workplace|business|company|organisation|organization;' +
    'changed my mind|regret|regretted|refund|money back;' +
    "cannot afford|can't afford|not enough money|financial aid|scholarship|bursary|fee waiver|financial help;" +
    'notify me|tell me when|let me know when|alert me|alert|notify;' +
    'different card|new card|another card|change card|update card|replace card;' +
    "no sound|can't hear|cannot hear|microphone|mic|audio|muted|mute;" +
    'old|used|second-hand|secondhand|worn out|outdated|previous;' +
    'accident|collision|car accident|fender bender|prang|rear ended|hit my car',
  fa:
    'لغو|کنسل|انصراف|توقف|قطع|فسخ|تموم کنم|تمام کنم|نمیخوام|نمی‌خواهم|دیگه نمیخوام|cancel|cancellation|unsubscribe;' +
    'مرجوع|مرجوعی|پس دادن|پس بدم|پس فرستادن|برگرداندن|برگردونم|عودت|مرجوع کردن|return;' +
    'تعویض|عوض|جایگزین|جایگزینی|عوض کردن|معاوضه|exchange|replace;' +
    'بازگشت وجه|استرداد|برگشت پول|پس گرفتن پول|پولم|بازپرداخت|پولمو|پولم را|برمیگرده|برگردانید|refund;' +
    'کالا|محصول|جنس|اجناس|product|item;لباس|پوشاک|رخت|clothes;بو|بوی بد|بو میده|smell;' +
    'همسایه|همسایه‌ها|همسایمون|neighbour;پرواز|هواپیما|flight;هتل|اقامتگاه|محل اقامت|hotel;بلیت|بلیط|ticket;ارسال|پست|تحویل|فرستادن|رسیدن|میرسه|برسد|به دستم|پیک|باربری|delivery|shipping;سفارش|خرید|بسته|مرسوله|سفارشم|order;' +
    'فاکتور|صورتحساب|رسید|قبض|صورت حساب|invoice|receipt|bill;' +
    'خراب|معیوب|شکسته|آسیب|ایراد|کار نمیکنه|کار نمی‌کند|سوخته|خرابی|ترک|broken|damaged|defective;' +
    'تماس|پشتیبانی|کارشناس|اپراتور|زنگ|تلفن|ارتباط|حرف بزنم|صحبت|contact|call;' +
    'تخفیف|کوپن|بن|کد تخفیف|ارزان|ارزون|ارزان‌تر|ارزونتر|کمتر|discount|coupon|promo;اشتراک|عضویت|پلن|طرح|بسته|subscription|membership|plan;' +
    'قسط|اقساط|قسطی|اعتباری|کم کم|چند قسط|پرداخت بعدی|بعدا بپردازم|installments|instalments;' +
    'رمز|پسورد|گذرواژه|رمز عبور|کلمه عبور|رمزم|password|passcode|pin;' +
    'ورود|لاگین|وارد شدن|وارد شوم|وارد شوند|وارد بشم|ورود به حساب|login|log in|sign in;' +
    'ثبت نام|ثبت‌نام|عضو شدن|نام‌نویسی|ساخت حساب|ثبتنام|sign up|signup|register;' +
    'قیمت|هزینه|مبلغ|تعرفه|نرخ|چند|چقدر|کارمزد|گران|گرون|price|cost|fee;حساب|اکانت|پروفایل|حساب کاربری|حسابم|حسابمو|account|profile;' +
    'اطلاعات|داده|داده‌ها|دیتا|مشخصات|اطلاعاتم|data|info;ناموفق|رد|خطا|قبول نکرد|نشد|انجام نشد|ارور|failed|declined|rejected;' +
    'پیگیری|رهگیری|کجاست|کجا است|وضعیت|دنبال کردن|track|tracking|status;حذف|پاک|پاک کردن|پاک کنید|حذف کردن|از بین بردن|کلا پاک|delete|remove;' +
    'دانلود|خروجی|بارگیری|نسخه|کپی|پشتیبان|بکاپ|download|export|backup;بارگذاری|آپلود|ورود اطلاعات|وارد کردن|پیوست|ایمپورت|upload|import|attach;' +
    'تغییر|ویرایش|اصلاح|عوض کردن|به‌روزرسانی|بروزرسانی|درست کردن|change|edit|update;مشکل|ایراد|خطا|اشکال|باگ|گیر|problem|issue|bug|error;' +
    'کند|کُند|کنده|آهسته|سرعت پایین|کندی|لگ|slow|lag;سریع|تند|سرعت|فوری|فوراً;' +
    'گوشی|موبایل|تلفن همراه|همراه|آیفون|اندروید|گوشیم|phone|mobile;رایانه|کامپیوتر|لپ‌تاپ|لپتاپ|سیستم;' +
    'اپ|اپلیکیشن|برنامه|نرم‌افزار|نرم افزار|app|application;سایت|وبسایت|وب‌سایت|پورتال|صفحه|سامانه|website|site;' +
    'ایمیل|رایانامه|میل|نامه الکترونیکی;اسپم|هرزنامه|جانک|پوشه اسپم;' +
    'اعلان|هشدار|یادآوری|یادآور|نوتیفیکیشن|خبر|خبرم کن|اطلاع|notification|reminder|alert;' +
    'دیرکرد|معوق|عقب افتاده|پرداخت نشده|پرداخت‌نشده|دیر|سررسید گذشته|late|overdue;جریمه|جریمهٔ|خلافی|برگه جریمه|fine|penalty;' +
    'شکایت|اعتراض|نارضایتی|ناراضی|گلایه|شاکی|complaint;کمک|راهنمایی|پشتیبانی|یاری|حمایت|help|support;' +
    'ساعت کاری|ساعت|باز|بازه|کی باز|چه ساعتی|چه ساعاتی|زمان کار|کی;آدرس|نشانی|کجا|محل|مکان|لوکیشن|address|location;' +
    'اسباب‌کشی|اسباب کشی|جابه‌جایی|نقل مکان|خانه عوض|خونه عوض|آدرس جدید|نشانی تازه;' +
    'خانه|خونه|منزل|آپارتمان|واحد|محل سکونت;فرزند|بچه|کودک|بچه‌ها|پسر|دختر|نوزاد;' +
    'پدر|مادر|والدین|پدر و مادر;نام|اسم|به نام|به اسم;ارسال نمی‌شود|نمیره|نمی‌رود|ارسال نشد|نمیرسه;باقیمانده|مانده|چقدر مونده|چقدر مانده|باقی;سالمند|سالمندان|پیر|مسن|بازنشسته;' +
    'معلول|معلولیت|ناتوان|ویلچر|نابینا|ناشنوا|کم‌شنوا|دسترس‌پذیری;' +
    'پول|وجه|مبلغ|پرداخت|پرداختم|پول بدهم|پول بده|واریز;کارت|کارت بانکی|کارت اعتباری|ویزا|مسترکارت;' +
    'انتقال بانکی|کارت به کارت|شبا|حواله|واریز بانکی|حساب بانکی;رایگان|مجانی|بدون هزینه|مفت|بی‌هزینه;' +
    'آزمایشی|امتحانی|تست|نسخه آزمایشی|دوره آزمایشی;ارتقا|ارتقاء|بالاتر|بزرگ‌تر|بیشتر|ارتقای;' +
    'کاهش|پایین‌تر|کوچک‌تر|کوچکتر|ارزان‌تر|کمتر;' +
    'همکار|همکاران|همکارهایم|کارمند|کارمندان|تیم|کاربر|کاربران|صندلی|اعضا;' +
    'دسترسی|نقش|سطح دسترسی|مجوز دسترسی|مدیر|ادمین|access|permission|admin;امنیت|امن|ایمن|محافظت|حفاظت|security;' +
    'حریم خصوصی|اطلاعات شخصی|محرمانه|GDPR;دومرحله‌ای|دو مرحله ای|دومرحله|تایید دو مرحله|2FA|کد تایید;' +
    'یکپارچه‌سازی|اتصال|وصل|وصل کنم|همگام|همگام‌سازی|سینک|integration|sync;کلید|توکن|کلید API|key|token;' +
    'قطعی|قطع|وصل نمیشه|بالا نمیاد|از دسترس خارج|کار نمیکنه|نداره|نیست|down|outage|offline;وضعیت|دسترس‌پذیری|آپتایم;' +
    'سایز|اندازه|سایظ|بزرگ|کوچک;رنگ|رنگی;موجود|ناموجود|موجودی|تموم شده|تمام شده|موجود شد;' +
    'گارانتی|ضمانت|وارانتی|ضمانت‌نامه|warranty|guarantee;تعمیر|درست|درستش|تعمیرات|سرویس|تعمیرکار|repair;' +
    'نصب|راه‌اندازی|راه اندازی|وصل کردن|وصل میکنید|نصاب|install|setup|set up;' +
    'تحویل حضوری|حضوری|از فروشگاه|خودم بگیرم|خودم ببرم;اشتباه|غلط|اشتباهی|یه چیز دیگه|چیز دیگری|wrong|mistake;' +
    'گم|گم شده|نرسیده|نیومد|نیامد|نرسید|کم است|کسری|missing|lost;دزدیده|دزدی|سرقت|بردند|بردن;هدیه|کادو|گیفت|کارت هدیه|gift|gift card;' +
    'اصل|اصلی|اورجینال|تقلبی|فیک|جعلی|اصالت;شرکت|سازمان|سازمانی|شرکتی|کسب‌وکار|کسب و کار|تجاری|عمده|business|company;' +
    'دانشجو|دانشجویی|دانشگاه|مدرسه|آموزشی|تحصیل;خیریه|غیرانتفاعی|مؤسسه خیریه|موسسه;' +
    'امتیاز|باشگاه|جایزه|پاداش|باشگاه مشتریان|points|rewards;نظر|دیدگاه|امتیازدهی|نقد|بررسی;مقایسه|کنار هم|تفاوت|فرق|compare;' +
    'علاقه‌مندی|علاقه مندی|ذخیره|بعدا|لیست;خبرنامه|تبلیغات|تبلیغاتی|ایمیل تبلیغاتی|پیامک تبلیغاتی;' +
    'استخدام|شغل|فرصت شغلی|همکاری|جذب نیرو;فروشنده|فروش|بازارچه|غرفه|همکاری فروش;' +
    'بازیافت|محیط زیست|سبز|بازیافتی;بسته‌بندی|جعبه|کارتن|کادوپیچ;مالیات|ارزش افزوده|عوارض|گمرک|مالیاتی|tax|vat;' +
    'ارز|یورو|دلار|پوند|تومان|ریال;سالانه|سالیانه|سالی|هر سال|یک‌ساله|یکساله|yearly|annual;' +
    'ماهانه|ماهیانه|ماهی|هر ماه|در ماه|monthly;هفتگی|هر هفته|هفته‌ای;امروز|الان|همین الان|اکنون|حالا;' +
    'فردا|روز بعد|روز کاری بعد;آخر هفته|جمعه|تعطیل|تعطیلات;شب|شبانه|عصر|دیروقت;' +
    'فراموش|یادم رفته|یادم نیست|فراموشی|فراموش کرده‌ام|بازیابی|بازنشانی|forgot|reset|recover;' +
    'قفل|مسدود|بلاک|معلق|متوقف|غیرفعال|قطع شده|locked|blocked|suspended;فعال|فعال‌سازی|باز کردن|دوباره فعال|رفع مسدودی|activate|enable;' +
    'گزارش|اطلاع|خبر دادن|اعلام|گزارش دهم|report;عکس|تصویر|اسکن|فتو|دوربین;مدرک|مدارک|سند|گواهی|فرم|گواهینامه|document|certificate;' +
    'کارت شناسایی|کارت ملی|شناسنامه|هویت|گذرنامه|پاسپورت;مجوز|پروانه|اجازه|لایسنس|جواز;' +
    'تمدید|منقضی|انقضا|اعتبار|تمام شدن|renew|renewal|expired;نوبت|رزرو|وقت|وقت قبلی|زمان‌بندی|appointment|booking;' +
    'انتظار|صف|چقدر طول|چند روز|چه مدت|مدت|کی;سروصدا|سر و صدا|صدا|مزاحمت|شلوغی;' +
    'زباله|آشغال|سطل|سطل زباله|پسماند|ماشین زباله;مبل|کاناپه|تخت|کمد|میز|صندلی|وسایل|اثاثیه|تشک;' +
    'یخچال|لباسشویی|ظرفشویی|اجاق|تلویزیون|لوازم خانگی|ماشین لباسشویی;خودرو|ماشین|اتومبیل|پلاک;' +
    'دوچرخه|موتور|دوچرخه‌ام;پارک|پارکینگ|جای پارک|توقف;خیابان|کوچه|پیاده‌رو|جاده|معبر;' +
    'چراغ|لامپ|روشنایی|چراغ برق;چاله|گودال|خرابی آسفالت|ترک;درخت|باغچه|حیاط|باغ;' +
    'ساخت|ساختمان|ساخت‌وساز|بازسازی|توسعه|تعمیرات ساختمان;' +
    'صاحبخانه|صاحب‌خانه|موجر|اجاره|مستاجر|قرارداد اجاره|اجاره‌ای;نم|رطوبت|کپک|نشتی|چکه|آب‌خوردگی;' +
    'مستمری|کمک|کمک‌هزینه|یارانه|حمایت|بیمه بیکاری|کمک مالی;بدهی|بدهکار|قرض|طلبکار|وام|قسط عقب افتاده;' +
    'کم‌درآمد|کم درآمد|فقیر|ندار|پول ندارم|توان مالی;بیکار|اخراج|بیکاری;ازدواج|عروسی|عقد|ازدواج کنیم;' +
    'تولد|نوزاد|به دنیا آمد|به دنیا آمده|زایمان;فوت|مرگ|درگذشت|مرده|متوفی|کفن|دفن|قبر;' +
    'تابعیت|شهروندی|ملیت|شهروند;خارج|خارجی|بین‌المللی|خارج از کشور|از خارج|کشور دیگر;' +
    'سفر|مسافرت|تعطیلات|خارج از کشور;ترجمه|مترجم|زبان|ترجمه کند;داوطلب|داوطلبانه|کار داوطلبانه;' +
    'کتابخانه|کتاب|امانت|کتابخونه;شنا|استخر|استخر شنا;اتوبوس|مترو|تراموا|قطار|حمل‌ونقل|حمل و نقل;' +
    'انتخابات|رأی|رای|رأی‌گیری|صندوق رأی;جشن|مهمانی|رویداد|مراسم|جشنواره;کافه|رستوران|تراس|میز بیرونی;' +
    'بازار|غرفه|بساط|دستفروش;اینترنت|اتصال|شبکه|فیبر|فیبر نوری|نت|آنلاین;' +
    'وای‌فای|وای فای|وایفای|Wi-Fi|wifi|بی‌سیم|آنتن;مودم|روتر|دستگاه|جعبه;' +
    'تلویزیون|شبکه|کانال|گیرنده|باکس|ستاپ باکس;صفحه|تصویر|صفحه سیاه|تصویر ندارد;' +
    'سیم‌کارت|سیمکارت|سیم کارت|eSIM|سیم;رومینگ|خارج از کشور|سفر خارجی;' +
    'حجم|گیگ|گیگابایت|مگابایت|بسته اینترنت|مصرف|تموم شد;تماس|زنگ|زنگ زدن|تلفن|تماس گرفتن;' +
    'پیامک|اس‌ام‌اس|پیام|sms;پیغام‌گیر|پیغامگیر|پیام صوتی;تلفن ثابت|خط ثابت|تلفن خانه;' +
    'بچه‌ها|کودکان|والدین|فرزندان|خانواده;مسدود|بلاک|فیلتر|محدود|ممنوع;' +
    'کلاهبرداری|فیشینگ|جعلی|مشکوک|تقلب|کلاه‌برداری;ویروس|آنتی‌ویروس|آنتی ویروس|بدافزار;' +
    'بازی|گیم|کنسول|پلی‌استیشن|ایکس‌باکس;پینگ|تاخیر|تأخیر|لگ;تکنسین|تعمیرکار|نصاب|مامور|کارشناس فنی;' +
    'جبران|خسارت|غرامت|اعتبار;افزایش قیمت|گران شد|گرون شد|بالا رفت|قیمت بالا;' +
    'انتقال|واگذاری|منتقل|جابجایی;مالکیت|به نام|صاحب|مالک;مالک|صاحب|دارنده|به نام کس دیگری;' +
    'تکرارشونده|تکرار|خودکار|دوره‌ای|اتوماتیک|هر ماه;' +
    'پیش‌فاکتور|پیش فاکتور|برآورد|استعلام قیمت|پیشنهاد قیمت;بستانکاری|اصلاحیه|برگشت از فروش|اصلاح فاکتور;' +
    'پیش‌پرداخت|بیعانه|پرداخت جزئی|بخشی|کم کم;ساعت کار|زمان‌سنج|تایم شیت|کارکرد|ساعت‌ها;' +
    'گزارش‌ها|گزارش|آمار|تحلیل|خلاصه;هزینه‌ها|مخارج|خرج|هزینه کرد;لوگو|برند|برندینگ|ظاهر|طراحی;' +
    'تاریک|دارک|حالت شب|تم تیره;میانبر|شورتکات|کلید میانبر|صفحه‌کلید;مرورگر|کروم|فایرفاکس|سافاری|اج;' +
    'زبان|انگلیسی|فارسی|عربی;دامنه|زیردامنه|دامین|آدرس سایت;وب‌هوک|وب هوک|webhook|کال‌بک;' +
    'محدودیت|سقف|حداکثر|تعداد درخواست;آزمایش|تست|sandbox|محیط تست;اکسل|CSV|XLSX|جدول;' +
    'پرینتر|چاپگر|پرینت|چاپ;سرعت|مگابیت|گیگابیت|پهنای باند;قرارداد|تعهد|مدت قرارداد;' +
    'تغییر اپراتور|اپراتور دیگر|انتقال شماره|بیایم;' +
    'شارژ|شارژ کردن|اعتبار|سیم کارت اعتباری|پیش پرداخت;آنتن|آنتن دهی|پوشش|سیگنال|خط نمیده;' +
    'مریض|بیمار|بیماری|ناخوش|پزشکی|بیمارستان|دکتر;' +
    'وقت بیشتر|وقت بیشتری|مهلت بیشتر|مهلت بیشتری|زمان بیشتر|زمان بیشتری|زمان اضافه|وقت اضافه|تمدید|تمدید مهلت|فرصت بیشتر|تعویق;' +
    'تمرین|تکلیف|مشق|پروژه;مهلت|موعد|ددلاین|سررسید|موعد تحویل;نمره|نمرات|نمره‌ام|امتیاز|نتیجه;' +
    'حقم را خوردند|حقم|ناعادلانه|بی‌انصافی|ناحق|اعتراض|بازبینی|تجدیدنظر;' +
    'پشیمان|پشیمون|منصرف|نظرم عوض شد|بازپرداخت|استرداد;' +
    'پول کافی|پول ندارم|توان مالی|استطاعت|کمک‌هزینه|کمک هزینه|بورسیه;' +
    'می‌پاید|می‌پایند|زیر نظر|نظارت|مراقب|مراقبت;بدون اینترنت|بی‌اینترنت|آفلاین|بدون نت;' +
    'کم‌بینا|کم بینا|نابینا|صفحه‌خوان;معلم|استاد|مدرس|دبیر|مربی|آموزگار;' +
    'نمی‌شنوند|صدایم|صدا نمی‌رود|صدا|میکروفون|میکروفن;دوربین|وب‌کم|وبکم|وب کم;امتحان|آزمون|امتحانات;' +
    'ویدیو|ویدئو|فیلم|کلیپ;' +
    'نمی‌شنوند|نمی‌شنوم|شنیده نمی‌شود|صدا نمی‌رود|صدا نمیره;سؤال|سوال|پرسش|بپرسم|بپرسید;' +
    'کهنه|قدیمی|دست دوم|مستعمل|فرسوده|قبلی;دفعه|دفعات|مرتبه|بار;' +
    'حیوان|حیوانات|حیوان خانگی|سگ|گربه|پیشی|pet;نام خانوادگی|فامیلی|فامیل|نام;باردار|بارداری|حامله|حاملگی;' +
    'ویلچر|صندلی چرخدار|راه بره|راه رفتن|معلولیت|معلول|ناتوانی;' +
    'قطع برق|برق رفت|برق قطع|خاموشی|بی‌برقی|power outage|blackout;آتش|آتیش|آتش‌سوزی|حریق|سوختن|سوخت;' +
    'بیماری زمینه‌ای|بیماری قبلی|بیماری مزمن|دیابت|قند خون|آسم;' +
    'زمستان|زمستون|زمستونا|فصل سرد;قبض بالا|قبض زیاد|زیاد اومده|سه برابر|دو برابر|چند برابر|گرون اومده;' +
    'برآوردی|برآورد|تخمینی|تخمین|حدسی|علی‌الحساب;صرفه‌جویی|کم مصرف|مصرف کمتر|کاهش مصرف;' +
    'کوچک|کوچیک;تمام|تموم;ساپورت|سازگار|سازگاری|compatible;آمدن|اومدن|آمد|اومد|آمده|اومده;پلیس|افسر|کلانتری|مامور;کیلو|کیلوگرم;وزن|سنگین;' +
    'عابربانک|خودپرداز|ای تی ام|atm;اعلام خسارت|ثبت خسارت|پرونده خسارت|درخواست خسارت|دریافت خسارت|claim',
};

/**
 * Persian and Latin spellings of the same product names, file types and technical terms, so a
 * Persian query that writes one matches a Persian entry that writes the other.
 */
export const SCRIPT_BRIDGE =
  'آیفون|iphone;اپل|apple;گوگل|google;اندروید|android;سامسونگ|samsung;ویندوز|windows;مک|mac|macos|مک‌بوک|macbook;ایمیل|email|e-mail;پی دی اف|pdf;اکسل|excel|xlsx;وای فای|wifi|wi-fi;بلوتوث|bluetooth;یو اس بی|usb;اچ دی ام آی|hdmi;آی پی|ip;دی ان اس|dns;وی پی ان|vpn;اس ام اس|sms;نتفلیکس|netflix;یوتیوب|youtube;پی پال|paypal;استرایپ|stripe;زپیر|zapier;کیو آر|qr;روتر|router;لپ تاپ|laptop;تبلت|tablet;سیم کارت|sim;اپلیکیشن|app;لینک|link;آنلاین|online;پسورد|password;لاگین|login;اکانت|account;ادمین|admin;ای پی آی|api;اس اس او|sso;وب هوک|webhook;سی اس وی|csv;آنتی ویروس|antivirus;فایروال|firewall;پورت|port|درگاه;سرور|server;کش|cache;کروم|chrome;فایرفاکس|firefox;سافاری|safari;واتس اپ|واتساپ|whatsapp;تلگرام|telegram;اینستاگرام|instagram;مستر کارت|mastercard;ویزا|visa;اچ تی تی پی اس|https;فیبر|fiber|fibre;مودم|modem;جی پی اس|gps;اوتلوک|outlook;مایکروسافت|microsoft;آفیس|office;زوم|zoom;تیمز|teams;' +
  'فورجی|4g;فایوجی|5g;ال تی ای|lte;ای دی اس ال|adsl;وی دی اس ال|vdsl;وی او آی پی|voip;آی پی تی وی|iptv;ای سیم|ای‌سیم|esim;' +
  'درصد|percent;اترنت|ethernet;هات اسپات|hotspot;پینگ|ping;پین|pin;ای پی ان|apn;گیگ|گیگابایت|gb;مگ|مگابایت|mb;مگابیت|mbps;اس اس آی دی|ssid';

/**
 * Persian letters visitors swap for one another, the typo matcher's cheap edits: letters for one
 * sound (س ص ث, ز ذ ض ظ, ت ط, ه ح, ق غ, ا ع) and letters told apart only by their dots.
 * Normalised forms only (آ is ا, ي is ی). Sent in the payload of a FAQ with Persian entries.
 */
export const ALIKE_LETTERS = 'سصث زذضظ تط هح قغ اع بپتثنی جچحخ رزژ کگ سش صض طظ عغ دذ فق';

/**
 * Latin letters as Persian ones, for a query typing Persian in Latin letters ("Finglish":
 * "pardakht", "ghabz") or a loanword in its Latin spelling: `pattern=replacement` rules,
 * applied in order. A vowel that starts the word is carried by «ا»; "e" inside a word is a
 * short vowel Persian does not write, at its end the «ه» it is written with; long vowels get
 * their letters. Sent in the payload of a FAQ with Persian entries.
 */
export const FINGLISH =
  '^[aeo]=ا ^i=ای ^u=او kh=خ gh=ق sh=ش ch=چ zh=ژ ph=ف th=ت ck=ک oo=و ou=و ee=ی aa=ا x=کس e$=ه e= ' +
  'a=ا o=و u=و i=ی y=ی v=و w=و b=ب p=پ t=ت j=ج d=د r=ر z=ز s=س f=ف q=ق k=ک c=ک g=گ l=ل m=م n=ن h=ه';

/**
 * Words that say little about what a visitor wants ("how do I…", "را", colloquial "رو",
 * "میشه"): they count for little in a query, so neither their presence nor their absence
 * decides a match. Sent in the search payload, like the vocabulary.
 */
export const STOP_WORDS: Record<'en' | 'fa', string> = {
  en:
    'a an the i im me my you your we our us it its is are was be been to of in on at for and or ' +
    'do does did can could how what which who will would should with this that there have has ' +
    'get got please need want just any some still not no yes if so from by about until come comes ' +
    'put let use using make made go going went came tell see know really very also too one ' +
    'something anything everything someone somebody anyone nobody stuff thing things myself ' +
    'they them their he she his her why while again here then than lot lots bit more most much many ' +
    'few several since into ive wants wanted instead where when dont doesnt didnt cant couldnt wont wouldnt isnt arent wasnt havent hasnt anymore possible ' +
    'till til themselves itself yourself yourselves ourselves himself herself whom whose these those were being am had having doing done though although because whether either neither',
  fa:
    'را رو از به با در که و یا این آن اون این یه یک من ما شما برای برام برامون چطور چطوری چگونه ' +
    'میکنید میکنم میکنیم میکند میکنه میکنن میکنند کنه کنن بکنم بکنه چه آیا هم هست است نیست میشه میشود شد شده باید کنم کنید کرد کردم دارید دارم داره دیگه دیگر ' +
    'میخوام میخواهم میخواستم لطفا ولی اگر تا چند ' +
    'چیزی چیز کسی خودم خودمان آنها اونها او وقتی اینکه خیلی هنوز فقط همه بتوانم بتوانند میتونم ' +
    'میتوانم می‌توانم کنند کند شود شوند بشه بدید بدهید دارد دارند داشته باشد بود هستند هستم ' +
    'توی تو مرا بودم شدم موقع نمیشه نمیشود چجوری چجور چیکار چی چیه چیا میشن نمیشن بشن میخام هاش هام هات هامو هاشو هاتو هامون هاتون هاشون دارن دارین ندارن ندارین نیستن هستن نه ببینم بگید بگین بدونم کردن شدن دادن گرفتن زدن کجا طول میکشد ' +
    'اگه پیدا باشم باشه سلام ممنون مرسی همش هی یهو الان اصلا واقعا واسه واسم کرده زدم زده دادم گرفتم داشتم',
};
