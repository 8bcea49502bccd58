/**
 * Skeleton: this package builds but exports nothing but its own name and status yet.
 * See README.md for what it will hold and the issue that tracks it.
 *
 * @since 0.1.0
 */
export const packageName: string = "@khuyencong/adapters-excel"
