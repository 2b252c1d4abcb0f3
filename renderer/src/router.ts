import { useEffect, useState } from 'react';

export const PAGES = ['projects', 'import', 'data'] as const;
export type Page = (typeof PAGES)[number];

function pageFromHash(): Page {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'projects';
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
