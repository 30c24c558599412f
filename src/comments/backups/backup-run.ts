import { CommentStore } from '../store/store'
import { type BackupProgress, backupStep, startNightlyBackup } from './nightly-backup'

/**
 * Runs one step of a backup with the Worker's bindings and hands the next step
 * to the BACKUP_STEPS queue, so a backup of any size finishes across as many
 * invocations as it needs, each under KV's 1,000 operations. A step reads
 * `stepComments` comments (the configured backupStepComments).
 */
export async function runBackupStep(
  env: Env,
  progress: BackupProgress,
  stepComments: number,
): Promise<void> {
  const step = await backupStep(new CommentStore(env.COMMENTS), env.BACKUPS, progress, stepComments)
  if (step.done) {
    console.log(JSON.stringify({ event: 'comments_backed_up', ...step.result }))
    return
  }
  const { key, step: n, comments } = step.next
  console.log(JSON.stringify({ event: 'comments_backup_step', key, step: n, comments }))
  await env.BACKUP_STEPS.send(step.next)
}

/** The nightly Cron Trigger: starts the day's backup and runs its first step. */
export async function startBackup(env: Env, day: Date, stepComments: number): Promise<void> {
  await runBackupStep(env, await startNightlyBackup(env.BACKUPS, day), stepComments)
}
