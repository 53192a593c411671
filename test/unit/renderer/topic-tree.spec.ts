// The Temas tree: topics grouped by levels with sums per branch, the search keeping the branches
// above a match, the rows shown for the open branches and the arrow keys of the ARIA tree.
import { describe, expect, it } from 'vitest'
import type { TopicStat } from '../../../electron/contract'
import {
  buildTopicTree,
  filterFor,
  treeKey,
  visibleRows
} from '../../../renderer/src/lib/topic-tree'

function stat(topic: string, count: number, rate: number): TopicStat {
  const lastSeen = new Date(0).toISOString()
  return { topic, count, rate, lastPayload: 'x', lastEnc: 'utf8', lastSeen, retained: false }
}

const stats = [
  stat('clase_eoi/ana/temp', 3, 1),
  stat('clase_eoi/luis/temp', 5, 2),
  stat('clase_eoi/luis', 1, 0.5),
  stat('casa', 2, 0)
]

describe('topic tree', () => {
  it('groups by levels, sorted, with sums of the topics under each branch', () => {
    const tree = buildTopicTree(stats)
    expect(tree.map((n) => n.name)).toEqual(['casa', 'clase_eoi'])
    const clase = tree[1]
    expect(clase).toMatchObject({ path: 'clase_eoi', count: 9, rate: 3.5, topics: 3 })
    expect(clase.stat).toBeUndefined()
    const luis = clase.children[1]
    expect(luis).toMatchObject({ path: 'clase_eoi/luis', count: 6, rate: 2.5, topics: 2 })
    expect(luis.stat?.count).toBe(1)
    expect(luis.children[0].stat?.topic).toBe('clase_eoi/luis/temp')
    expect(tree[0].children).toEqual([])
  })

  it('a quiet topic adds its count but not its rate', () => {
    const tree = buildTopicTree(stats, '', (s) => s.topic.includes('luis'))
    expect(tree[1]).toMatchObject({ count: 9, rate: 1 })
  })

  it('the search keeps matching topics and the branches above them', () => {
    const tree = buildTopicTree(stats, 'ANA')
    expect(tree.map((n) => n.path)).toEqual(['clase_eoi'])
    expect(tree[0].children.map((n) => n.path)).toEqual(['clase_eoi/ana'])
    expect(tree[0].count).toBe(3)
    expect(buildTopicTree(stats, 'nada')).toEqual([])
  })

  it('shows the children of open branches only, or all of them', () => {
    const tree = buildTopicTree(stats)
    expect(visibleRows(tree, new Set()).map((r) => r.node.path)).toEqual(['casa', 'clase_eoi'])
    const open = visibleRows(tree, new Set(['clase_eoi']))
    expect(open.map((r) => [r.node.path, r.depth, r.expanded])).toEqual([
      ['casa', 0, false],
      ['clase_eoi', 0, true],
      ['clase_eoi/ana', 1, false],
      ['clase_eoi/luis', 1, false]
    ])
    expect(visibleRows(tree, new Set(), true)).toHaveLength(6)
  })

  it('a branch filters Messages to branch/#, a leaf to its topic', () => {
    const tree = buildTopicTree(stats)
    expect(filterFor(tree[1])).toBe('clase_eoi/#')
    expect(filterFor(tree[0])).toBe('casa')
  })

  it('arrow keys move, open and close as the ARIA tree pattern says', () => {
    const tree = buildTopicTree(stats)
    const closed = visibleRows(tree, new Set())
    expect(treeKey(closed, 0, 'ArrowDown')).toEqual({ kind: 'focus', index: 1 })
    expect(treeKey(closed, 1, 'ArrowDown')).toEqual({ kind: 'focus', index: 1 })
    expect(treeKey(closed, 0, 'ArrowUp')).toEqual({ kind: 'focus', index: 0 })
    expect(treeKey(closed, 1, 'ArrowRight')).toEqual({ kind: 'open', path: 'clase_eoi' })
    expect(treeKey(closed, 0, 'ArrowRight')).toEqual({ kind: 'none' })
    const open = visibleRows(tree, new Set(['clase_eoi']))
    expect(treeKey(open, 1, 'ArrowRight')).toEqual({ kind: 'focus', index: 2 })
    expect(treeKey(open, 1, 'ArrowLeft')).toEqual({ kind: 'close', path: 'clase_eoi' })
    expect(treeKey(open, 3, 'ArrowLeft')).toEqual({ kind: 'focus', index: 1 })
    expect(treeKey(open, 2, 'End')).toEqual({ kind: 'focus', index: 3 })
    expect(treeKey(open, 2, 'Home')).toEqual({ kind: 'focus', index: 0 })
    expect(treeKey(open, 2, 'Enter')).toEqual({ kind: 'select', index: 2 })
    expect(treeKey(open, 2, 'x')).toEqual({ kind: 'none' })
  })
})
