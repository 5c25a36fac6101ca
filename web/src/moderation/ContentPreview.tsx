import { useState } from 'react';

/** Only web addresses are shown or opened: `javascript:`, `data:` and the like never reach an element. */
export function safeUrl(url: string | null): string | null {
  if (!url || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}

const REVEAL: Record<string, string> = { image: 'Show image', video: 'Show video' };

/**
 * The reported content as the reviewer needs it: text in full; media and links by address only until the reviewer
 * asks. Nothing is fetched from the platform's (or anyone's) host before the click, so opening a case tells no
 * third party that a reviewer looked, and shows nothing harmful unbidden. Images go without a referrer.
 */
export function ContentPreview({
  subject,
}: {
  subject: { contentType: string | null; body: string | null; url: string | null };
}) {
  const [shown, setShown] = useState(false);
  const url = safeUrl(subject.url);
  const media = subject.contentType === 'image' || subject.contentType === 'video' ? subject.contentType : null;
  return (
    <section aria-label="Reported content" className="content-preview">
      {subject.body ? <p className="content-text">{subject.body}</p> : <p className="muted">No text.</p>}
      {subject.url && !url && (
        <p className="alert">The address given is not a web address (http or https), so it is not shown or opened.</p>
      )}
      {url && (
        <>
          <p>
            <span className="muted">Address: </span>
            <code>{url}</code>
          </p>
          {media && !shown && (
            <button type="button" className="secondary" onClick={() => setShown(true)}>
              {REVEAL[media]}
            </button>
          )}
          {media === 'image' && shown && (
            <img
              src={url}
              alt="The reported image, as the platform serves it"
              referrerPolicy="no-referrer"
              style={{ maxWidth: '100%' }}
            />
          )}
          {media === 'video' && shown && (
            <video src={url} controls preload="none" style={{ maxWidth: '100%' }}>
              <track kind="captions" />
            </video>
          )}
          {!media && (
            <p>
              <a href={url} target="_blank" rel="noopener noreferrer nofollow">
                Open the link in a new tab
              </a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
