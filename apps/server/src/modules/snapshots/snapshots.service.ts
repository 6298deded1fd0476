import { isReadable, makeReadable, moveTitleOutOfDocument, proseMirrorJsonToHtml, replaceYDocContent, yDocToProseMirrorJson } from '@tandem/editor'
import { ErrorCode, formatRoomName, isUuid, type SnapshotSummary } from '@tandem/shared'
import * as Y from 'yjs'
import { currentState } from '../../collab/current-document.ts'
import { docFromUpdates } from '../../collab/doc-from-updates.ts'
import type { RoomRegistry } from '../../collab/room-registry.ts'
import type { DocStore } from '../../collab/persistence/doc-store.ts'
import { AppError } from '../../errors.ts'
import type { AuthUser } from '../../app-env.ts'
import { Action } from '../access/access-policy.ts'
import type { NetworkAccess } from '../access/network-access.ts'
import type { IdeasService, StatusChange } from '../ideas/ideas.service.ts'
import type { SnapshotsRepository } from './snapshots.repository.ts'

type SnapshotRow = Awaited<ReturnType<SnapshotsRepository['list']>>[number]

function summary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind as SnapshotSummary['kind'],
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
  }
}

/** The label of the version kept before a repair (the web app translates it, as it does restore points). */
export const BEFORE_REPAIR_LABEL = 'Before removing what the editor could not read'

/**
 * Named snapshots of an idea's document. Taken from the live room when it is loaded (so unsaved keystrokes are in
 * it), else from the database. A restore is a new change on top of the current document, made through the room,
 * so co-editors' later work merges with it instead of being rewound.
 */
export class SnapshotsService {
  constructor(
    private readonly snapshots: SnapshotsRepository,
    private readonly ideas: IdeasService,
    private readonly access: NetworkAccess,
    private readonly registry: RoomRegistry,
    private readonly store: Pick<DocStore, 'load'>,
  ) {}

  async create(user: AuthUser | null, networkSlug: string, ideaId: string, label: string): Promise<SnapshotSummary> {
    const { user: author } = await this.access.require(user, networkSlug, Action.CREATE_SNAPSHOT)
    const idea = await this.ideas.find(networkSlug, ideaId)
    const state = await this.currentState(idea.id)
    return summary(await this.snapshots.create(idea.id, label, 'named', state, author))
  }

  /** The document as it was when the idea moved from one status to the next (label `from → to`, status codes). */
  async keepAtStatusChange(change: StatusChange): Promise<void> {
    const state = await this.currentState(change.ideaId)
    await this.snapshots.create(change.ideaId, `${change.from} → ${change.to}`, 'automatic', state, change.user)
  }

  async list(user: AuthUser | null, networkSlug: string, ideaId: string): Promise<SnapshotSummary[]> {
    await this.access.require(user, networkSlug, Action.READ_NETWORK)
    const idea = await this.ideas.find(networkSlug, ideaId)
    return (await this.snapshots.list(idea.id)).map(summary)
  }

  async read(user: AuthUser | null, networkSlug: string, ideaId: string, snapshotId: string) {
    await this.access.require(user, networkSlug, Action.READ_NETWORK)
    const idea = await this.ideas.find(networkSlug, ideaId)
    const row = await this.findRow(idea.id, snapshotId)
    const json = stateToJson(row.state, idea.title)
    return { ...summary(row), content: { json, html: proseMirrorJsonToHtml(json) } }
  }

  /**
   * Keeps the current state as a restore point, then makes the document equal the snapshot's: the editor's content
   * becomes the version's, and whatever else the document holds (content the editor cannot read, any other root
   * type: written before the room refused them) is removed, so a version never brings such content back either.
   */
  async restore(user: AuthUser | null, networkSlug: string, ideaId: string, snapshotId: string) {
    const { user: restorer } = await this.access.require(user, networkSlug, Action.RESTORE_SNAPSHOT)
    const idea = await this.ideas.find(networkSlug, ideaId)
    const row = await this.findRow(idea.id, snapshotId)
    const json = stateToJson(row.state, idea.title)
    return this.changeThroughRoom(networkSlug, idea.id, restorer, `Before restoring “${row.label}”`, (doc) => {
      makeReadable(doc)
      replaceYDocContent(doc, json)
    }).then(({ restorePoint }) => ({ restored: summary(row), restorePoint: summary(restorePoint!) }))
  }

  /**
   * Makes the document readable by the editor again, keeping everything it can read: removes what it cannot (an
   * element it does not know or out of place, a stray text, an unknown mark, any other root type) and completes
   * elements whose children are no valid sequence. The state before is kept as a restore point. Nothing to do:
   * nothing changes and no version is kept.
   */
  async repair(user: AuthUser | null, networkSlug: string, ideaId: string) {
    const { user: repairer } = await this.access.require(user, networkSlug, Action.REPAIR_DOCUMENT)
    const idea = await this.ideas.find(networkSlug, ideaId)
    let outcome: ReturnType<typeof makeReadable> = { removed: [], fixed: [] }
    const { restorePoint } = await this.changeThroughRoom(
      networkSlug,
      idea.id,
      repairer,
      BEFORE_REPAIR_LABEL,
      (doc) => (outcome = makeReadable(doc)),
      (doc) => !isReadable(doc),
    )
    const reasons = [...outcome.removed.map((part) => part.reason), ...outcome.fixed]
    return {
      removed: outcome.removed.length,
      fixed: outcome.fixed.length,
      reasons: [...new Set(reasons)].slice(0, 20),
      restorePoint: restorePoint ? summary(restorePoint) : null,
    }
  }

  /**
   * Opens the idea's room, keeps its state as a restore point (when `needed`, checked on the live document, says the
   * change will do something), and makes the change there as the user's, so everyone editing sees it at once.
   */
  private async changeThroughRoom(
    networkSlug: string,
    docId: string,
    user: { id: string; displayName: string },
    restorePointLabel: string,
    change: (doc: Y.Doc) => void,
    needed: (doc: Y.Doc) => boolean = () => true,
  ) {
    const room = await this.registry.open(formatRoomName({ networkSlug, ideaId: docId }), docId)
    try {
      if (!needed(room.doc)) return { restorePoint: null }
      const restorePoint = await this.snapshots.create(docId, restorePointLabel, 'restore-point', Y.encodeStateAsUpdate(room.doc), user)
      room.applyChange(change, { userId: user.id })
      // Removed content may leave the document far smaller: the size limit counts from what it is now.
      room.measure()
      return { restorePoint }
    } finally {
      this.registry.release(room)
    }
  }

  private async findRow(docId: string, snapshotId: string) {
    const row = isUuid(snapshotId) ? await this.snapshots.find(docId, snapshotId) : undefined
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'no such snapshot of this idea')
    return row
  }

  private currentState(docId: string): Promise<Uint8Array> {
    return currentState({ registry: this.registry, store: this.store }, docId)
  }
}

/**
 * A snapshot's content as the document is written now: one kept before the title moved to the idea's record has its
 * title heading taken out as the room's repair does (packages/editor title-heading.ts), so it is read, compared and
 * restored without a second title.
 */
function stateToJson(state: Uint8Array, title: string) {
  const doc = docFromUpdates([state])
  doc.transact(() => moveTitleOutOfDocument(doc, title))
  const json = yDocToProseMirrorJson(doc)
  doc.destroy()
  return json
}
