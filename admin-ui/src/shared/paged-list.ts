/**
 * A cursor-paged list as a signal model: the first page, "Load more" with `nextCursor`, reload,
 * and the loading and error states. Plain module, testable without components.
 */
import { signal } from "@preact/signals";
import { errorMessage, type Page } from "./api";

export type PageFetcher<T, P extends Page<T> = Page<T>> = (cursor: string | null) => Promise<P>;

export class PagedList<T, P extends Page<T> = Page<T>> {
  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  /** The last page received (what a list answers beside its items, e.g. how far a search got). */
  readonly lastPage = signal<P | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  /** True once the first page arrived (to tell "empty" from "not loaded yet"). */
  readonly loaded = signal(false);
  private generation = 0;

  constructor(private readonly fetchPage: PageFetcher<T, P>) {}

  /** Loads the first page again, dropping what was shown. */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading.value = true;
    this.error.value = null;
    try {
      const page = await this.fetchPage(null);
      if (generation !== this.generation) return;
      this.items.value = page.items;
      this.nextCursor.value = page.nextCursor;
      this.lastPage.value = page;
      this.loaded.value = true;
    } catch (error) {
      if (generation === this.generation) this.error.value = errorMessage(error);
    } finally {
      if (generation === this.generation) this.loading.value = false;
    }
  }

  /** Appends the next page; does nothing without a cursor or while loading. */
  async loadMore(): Promise<void> {
    const cursor = this.nextCursor.value;
    if (!cursor || this.loading.value) return;
    const generation = this.generation;
    this.loading.value = true;
    this.error.value = null;
    try {
      const page = await this.fetchPage(cursor);
      if (generation !== this.generation) return;
      this.items.value = [...this.items.value, ...page.items];
      this.nextCursor.value = page.nextCursor;
      this.lastPage.value = page;
    } catch (error) {
      if (generation === this.generation) this.error.value = errorMessage(error);
    } finally {
      if (generation === this.generation) this.loading.value = false;
    }
  }

  /** Removes an item locally (after a delete) without refetching. */
  remove(predicate: (item: T) => boolean): void {
    this.items.value = this.items.value.filter((item) => !predicate(item));
  }
}
