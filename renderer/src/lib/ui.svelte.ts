/** The sections of the window, in tab order. */
export const TABS = ['messages', 'topics', 'publish', 'board', 'weather', 'class', 'settings'] as const
export type Tab = (typeof TABS)[number]

/** Which section the window shows (views switch it, e.g. a topic click opens its messages). */
class Ui {
  tab = $state<Tab>('messages')
}

export const ui = new Ui()
