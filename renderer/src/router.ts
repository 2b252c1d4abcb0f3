import { useEffect, useState } from 'react';

/**
 * A page id is the hash route (`#/retention`). Any id is accepted here: App's NAV list
 * says which pages exist (an unknown id shows the first page), so adding a page is one
 * NAV entry.
 */
export type Page = string;

const DEFAULT_PAGE = 'projects';

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return /^[a-z][a-z0-9-]*$/.test(name) ? name : DEFAULT_PAGE;
}

/** Hash routes (#/import): the back button works and the server needs no route table. */
export function usePage(): Page {
  const [page, setPage] = useState<Page>(pageFromHash);
  useEffect(() => {
    const onChange = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

export const pageHref = (page: Page): string => `#/${page}`;

export function goTo(page: Page): void {
  window.location.hash = `/${page}`;
}
