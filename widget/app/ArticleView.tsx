/**
 * One answer: the question, the server-sanitised HTML, "Was this helpful?" Yes/No, and the way to
 * a person. The answer HTML is the one place the widget sets innerHTML: the server sanitised it.
 * Part of the article chunk, fetched when a visitor heads for a result.
 */
import { Component } from 'preact';
import type { FaqArticle } from '../../protocol/faq.js';
import type { Locale } from '../../protocol/types.js';
import { t } from '../i18n/runtime.js';
import { getJson } from './http.js';
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

interface ArticleViewState {
  article: FaqArticle | null;
  failed: boolean;
  voted: boolean;
}

const articles = new Map<string, Promise<FaqArticle>>();

/** One answer with sanitised HTML; cached for the page view, failures are not cached. */
export function fetchArticle(origin: string, site: string, id: string): Promise<FaqArticle> {
  const key = `${site}\n${id}`;
  let pending = articles.get(key);
  if (!pending) {
    pending = getJson<FaqArticle>(`${origin}/api/faq/${encodeURIComponent(id)}?site=${encodeURIComponent(site)}`);
    pending.catch(() => articles.delete(key));
    articles.set(key, pending);
  }
  return pending;
}

export class ArticleView extends Component<ArticleViewProps, ArticleViewState> {
  /** Bumped per fetch and on unmount, so a late answer for another id is dropped. */
  declare private ticket: number;

  constructor(props: ArticleViewProps) {
    super(props);
    // Set here rather than as class fields, which compile to defineProperty helpers.
    this.ticket = 0;
    this.state = { article: null, failed: false, voted: false };
  }

  override componentDidMount(): void {
    this.fetch();
  }

  override componentDidUpdate(previous: ArticleViewProps): void {
    if (previous.id !== this.props.id) this.fetch();
  }

  override componentWillUnmount(): void {
    this.ticket++;
  }

  private fetch(): void {
    const ticket = ++this.ticket;
    const { origin, site, id, onViewed, onError } = this.props;
    this.setState({ article: null, failed: false, voted: false });
    fetchArticle(origin, site, id).then(
      (article) => {
        if (ticket !== this.ticket) return;
        this.setState({ article });
        onViewed(article);
      },
      (reason: unknown) => {
        if (ticket !== this.ticket) return;
        this.setState({ failed: true });
        onError(String(reason));
      },
    );
  }

  private vote(helpful: boolean): void {
    const { article, voted } = this.state;
    if (!article || voted) return;
    this.setState({ voted: true });
    this.props.onVote(article, helpful);
  }

  override render() {
    const { locale, origin, site, onBack, onTalk } = this.props;
    const { article, failed, voted } = this.state;
    return (
      <div class="view">
        <div class="scroll">
          <button type="button" class="link back" onClick={onBack}>
            {t(locale, 'back')}
          </button>
          {!article && !failed && <p class="note">{t(locale, 'loading')}</p>}
          {failed && (
            <div class="note" role="alert">
              <p>{t(locale, 'errorGeneric')}</p>
              <button type="button" class="link" onClick={() => this.fetch()}>
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
            // The id leads to the answer's help-centre page (the server redirects it to the slug).
            // A target="_blank" link gets no opener in today's browsers: no rel needed.
            <a href={`${origin}/help/${encodeURIComponent(article.id)}?site=${encodeURIComponent(site)}`} target="_blank">
              {t(locale, 'helpCentre')}
            </a>
          )}
          {article && (
            <div class="helpful" role="group" aria-labelledby="pasokh-helpful">
              <p id="pasokh-helpful">{t(locale, 'wasHelpful')}</p>
              {voted ? (
                <p role="status">{t(locale, 'thanksFeedback')}</p>
              ) : (
                <div>
                  <button type="button" class="chip" onClick={() => this.vote(true)}>
                    {t(locale, 'yes')}
                  </button>
                  <button type="button" class="chip" onClick={() => this.vote(false)}>
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
}
