import "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // The type parameters must match the library's declaration for the two to merge.
  interface ColumnMeta<TData, TValue> {
    /** The server-side sort key this column sorts by (absent: not sortable). */
    sortKey?: string;
    /** Classes for the column's header and cells: lower-priority columns collapse on narrow screens. */
    className?: string;
  }
}
