import "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** The server-side sort key this column sorts by (absent: not sortable). */
    sortKey?: string;
  }
}
