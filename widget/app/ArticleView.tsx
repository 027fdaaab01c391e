/**
 * One answer: the question, the server-sanitised HTML, "Was this helpful?" Yes/No, and the way to
 * a person. The answer HTML is the one place the widget sets innerHTML: the server sanitised it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { FaqArticle } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { t } from '../i18n/index.js';
import { fetchArticle } from './http.js';
import { TalkButton } from './TalkButton.js';

export interface ArticleViewProps {
  locale: Locale;
  origin: string;
  site: string;
  id: string;
  onBack: () => void;
  onTalk: () => void;
  onViewed: (article: FaqArticle) => void;
  onVote: (article: FaqArticle, helpful: boolean) => void;
  onError: (message: string) => void;
}

export function ArticleView({ locale, origin, site, id, onBack, onTalk, onViewed, onVote, onError }: ArticleViewProps) {
  const [article, setArticle] = useState<FaqArticle | null>(null);
  const [failed, setFailed] = useState(false);
  const [voted, setVoted] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setArticle(null);
    setFailed(false);
    setVoted(false);
    fetchArticle(origin, site, id).then(
      (value) => {
        if (!live) return;
        setArticle(value);
        onViewed(value);
      },
      (reason: unknown) => {
        if (!live) return;
        setFailed(true);
        onError(String(reason));
      },
    );
    return () => {
      live = false;
    };
  }, [origin, site, id, attempt]);

  const vote = (helpful: boolean) => {
    if (!article || voted) return;
    setVoted(true);
    onVote(article, helpful);
  };

  return (
    <div class="view article-view">
      <div class="scroll">
        <button type="button" class="link-button back" onClick={onBack}>
          {t(locale, 'back')}
        </button>
        {!article && !failed && <p class="note">{t(locale, 'loading')}</p>}
        {failed && (
          <div class="note" role="alert">
            <p>{t(locale, 'errorGeneric')}</p>
            <button type="button" class="link-button" onClick={() => setAttempt((n) => n + 1)}>
              {t(locale, 'tryAgain')}
            </button>
          </div>
        )}
        {article && (
          <article lang={article.locale} dir={article.locale === 'fa' ? 'rtl' : 'ltr'}>
            <h3 class="article-title" tabIndex={-1} data-autofocus>
              {article.question}
            </h3>
            <div class="answer" dangerouslySetInnerHTML={{ __html: article.html }} />
          </article>
        )}
        {article && (
          <div class="helpful" role="group" aria-labelledby="pasokh-helpful">
            <p id="pasokh-helpful">{t(locale, 'wasHelpful')}</p>
            {voted ? (
              <p role="status">{t(locale, 'thanksFeedback')}</p>
            ) : (
              <div class="chips">
                <button type="button" class="chip" onClick={() => vote(true)}>
                  {t(locale, 'yes')}
                </button>
                <button type="button" class="chip" onClick={() => vote(false)}>
                  {t(locale, 'no')}
                </button>
              </div>
            )}
          </div>
        )}
      </div>
      <TalkButton locale={locale} onTalk={onTalk} />
    </div>
  );
}
