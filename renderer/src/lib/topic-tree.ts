/**
 * The Temas tab's tree: topic stats grouped by `/` levels, with each branch summing its leaves,
 * and the rows a tree shows for a set of open branches. Pure, so it is tested without a window.
 */
import type { TopicStat } from '../../../electron/contract'

/** One level of the tree: a branch (children), a topic of its own (stat), or both. */
export interface TopicNode {
  /** The level's own name (one segment). */
  name: string
  /** The full path from the root: the topic for a leaf, the prefix for a branch. */
  path: string
  /** The stat of the topic exactly at this path, when one was published there. */
  stat?: TopicStat
  children: TopicNode[]
  /** Messages of this topic and every topic under it. */
  count: number
  /** Messages a second of this topic and every topic under it (quiet ones count 0). */
  rate: number
  /** How many topics with a stat are at or under this node. */
  topics: number
}

/** A visible row of the tree: the node, its depth (0 at the root) and whether it is open. */
export interface TreeRow {
  node: TopicNode
  depth: number
  expanded: boolean
}

/**
 * Builds the tree of `stats` whose topic contains `filter` (case-insensitive; empty = all),
 * keeping the branches above each match. `isQuiet` says a stat's rate is stale (counts 0).
 */
export function buildTopicTree(
  stats: readonly TopicStat[],
  filter = '',
  isQuiet: (s: TopicStat) => boolean = () => false
): TopicNode[] {
  const f = filter.trim().toLowerCase()
  const root: TopicNode = { name: '', path: '', children: [], count: 0, rate: 0, topics: 0 }
  const index = new Map<string, TopicNode>()
  for (const s of stats) {
    if (f && !s.topic.toLowerCase().includes(f)) continue
    const levels = s.topic.split('/')
    let parent = root
    let path = ''
    for (let i = 0; i < levels.length; i++) {
      path = i === 0 ? levels[0] : `${path}/${levels[i]}`
      let node = index.get(path)
      if (!node) {
        node = { name: levels[i], path, children: [], count: 0, rate: 0, topics: 0 }
        index.set(path, node)
        parent.children.push(node)
      }
      node.count += s.count
      node.rate += isQuiet(s) ? 0 : s.rate
      node.topics += 1
      parent = node
    }
    parent.stat = s
  }
  sortTree(root.children)
  return root.children
}

function sortTree(nodes: TopicNode[]): void {
  nodes.sort((a, b) => a.name.localeCompare(b.name))
  for (const n of nodes) sortTree(n.children)
}

/** The rows shown when the branches in `open` are expanded (every branch when `all`). */
export function visibleRows(
  nodes: readonly TopicNode[],
  open: ReadonlySet<string>,
  all = false,
  depth = 0,
  out: TreeRow[] = []
): TreeRow[] {
  for (const node of nodes) {
    const expanded = node.children.length > 0 && (all || open.has(node.path))
    out.push({ node, depth, expanded })
    if (expanded) visibleRows(node.children, open, all, depth + 1, out)
  }
  return out
}

/** The Messages filter for a node: `branch/#` for a branch, the exact topic for a leaf. */
export function filterFor(node: TopicNode): string {
  return node.children.length ? `${node.path}/#` : node.path
}

/** Keys of the tree pattern (WAI-ARIA): what a key does to the focused row. */
export type TreeMove =
  | { kind: 'focus'; index: number }
  | { kind: 'open'; path: string }
  | { kind: 'close'; path: string }
  | { kind: 'select'; index: number }
  | { kind: 'none' }

/** What `key` does on row `i` of `rows`, as the ARIA tree pattern says. */
export function treeKey(rows: readonly TreeRow[], i: number, key: string): TreeMove {
  const row = rows[i]
  if (!row) return { kind: 'none' }
  switch (key) {
    case 'ArrowDown':
      return { kind: 'focus', index: Math.min(rows.length - 1, i + 1) }
    case 'ArrowUp':
      return { kind: 'focus', index: Math.max(0, i - 1) }
    case 'Home':
      return { kind: 'focus', index: 0 }
    case 'End':
      return { kind: 'focus', index: rows.length - 1 }
    case 'ArrowRight':
      if (!row.node.children.length) return { kind: 'none' }
      if (!row.expanded) return { kind: 'open', path: row.node.path }
      return { kind: 'focus', index: i + 1 }
    case 'ArrowLeft': {
      if (row.expanded) return { kind: 'close', path: row.node.path }
      for (let j = i - 1; j >= 0; j--)
        if (rows[j].depth < row.depth) return { kind: 'focus', index: j }
      return { kind: 'none' }
    }
    case 'Enter':
    case ' ':
      return { kind: 'select', index: i }
    default:
      return { kind: 'none' }
  }
}
