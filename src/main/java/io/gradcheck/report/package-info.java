/** Self-contained HTML reports of checks and training runs, and their index. */
package io.gradcheck.report;
