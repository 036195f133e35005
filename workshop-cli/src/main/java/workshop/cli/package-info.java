/** The {@code ./workshop} command. */
package workshop.cli;
