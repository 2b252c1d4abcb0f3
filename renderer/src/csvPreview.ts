import Papa from 'papaparse';

export interface CsvPreview {
  columns: string[];
  rows: string[][];
  delimiter: string;
}

/** Rows shown before importing. */
export const PREVIEW_ROWS = 20;

/**
 * The first rows of a CSV file, parsed in the browser. Values stay text
 * (dynamicTyping off keeps `00123` as written) and a BOM is stripped from the first header.
 */
export function previewCsv(file: File): Promise<CsvPreview> {
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(file, {
      preview: PREVIEW_ROWS + 1,
      header: false,
      dynamicTyping: false,
      skipEmptyLines: 'greedy',
      complete: (result) => {
        const [header = [], ...rows] = result.data;
        const columns = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
        resolve({ columns, rows, delimiter: result.meta.delimiter });
      },
      error: (err) => reject(err),
    });
  });
}
