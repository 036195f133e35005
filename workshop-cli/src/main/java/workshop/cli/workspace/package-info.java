/**
 * What every command shares: the workshop folder ({@link workshop.cli.workspace.Workspace}), its
 * exercises and the progress of their last test runs, the exit codes, and small file and process
 * helpers (files written whole, git and the Maven wrapper run).
 */
package workshop.cli.workspace;
