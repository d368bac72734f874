/* berth: promotion scores, set on the node through crm_attribute (executed directly, no shell). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "promotion.h"

#define SCORE_INFINITY 1000000LL
#define CAP_MS         15000L
#define OUTPUT_MAX     2048

extern char **environ;

static const char *
crm_attribute_path(void)
{
	const char *p = berth_ocf_getenv("BERTH_CRM_ATTRIBUTE");

	if (p != NULL)
		return p;
	if (access("/usr/sbin/crm_attribute", X_OK) == 0)
		return "/usr/sbin/crm_attribute";
	return "crm_attribute"; /* posix_spawnp searches PATH */
}

/* Run argv without a shell; collect its output; never wait past the deadline. */
static int
run(char *const argv[], const struct berth_deadline *d, berth_error_t *err)
{
	posix_spawn_file_actions_t fa;
	char out[OUTPUT_MAX + 1];
	size_t used = 0;
	int fds[2], status = 0, rc;
	pid_t pid;
	long long end = berth_now_ms() + berth_deadline_call_ms(d, CAP_MS);

	if (pipe2(fds, O_CLOEXEC) < 0)
		return berth_error_set(err, errno, "pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return berth_error_set(err, rc, "cannot run %s: %s", argv[0], strerror(rc));
	}
	for (;;) {
		struct pollfd pfd = { .fd = fds[0], .events = POLLIN };
		long long left = end - berth_now_ms();
		ssize_t n;
		char sink[512];

		if (left <= 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(fds[0]);
			return berth_error_set(err, BERTH_E_TIMEDOUT, "%s did not finish in time", argv[0]);
		}
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		n = read(fds[0], used < OUTPUT_MAX ? out + used : sink,
			 used < OUTPUT_MAX ? OUTPUT_MAX - used : sizeof(sink));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (used < OUTPUT_MAX)
			used += (size_t)n;
	}
	close(fds[0]);
	out[used] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return berth_error_set(err, BERTH_E_FAILED, "%s failed (status %d): %.300s", argv[0],
				       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out);
	return 0;
}

int
berth_promotion_set(const char *instance, long long score, const struct berth_deadline *d, berth_error_t *err)
{
	char value[32];
	char *argv[] = { (char *)crm_attribute_path(),
			 (char *)"-p",
			 (char *)instance,
			 (char *)"-l",
			 (char *)"reboot",
			 (char *)"-v",
			 value,
			 NULL };

	snprintf(value, sizeof(value), "%lld", score);
	berth_log_info("setting promotion score of %s to %s", instance, value);
	return run(argv, d, err);
}

int
berth_promotion_clear(const char *instance, const struct berth_deadline *d, berth_error_t *err)
{
	char *argv[] = { (char *)crm_attribute_path(),
			 (char *)"-p",
			 (char *)instance,
			 (char *)"-l",
			 (char *)"reboot",
			 (char *)"-D",
			 NULL };

	berth_log_info("clearing promotion score of %s", instance);
	return run(argv, d, err);
}

int
berth_promotion_parse_score(const char *text, long long *score)
{
	char buf[64], *s = buf, *end = NULL;
	size_t n;
	long long v;

	if (text == NULL)
		return -1;
	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	n = strcspn(text, " \t\r\n");
	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	text += n;
	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	if (*text != '\0')
		return -1;
	if (strcasecmp(s, "INFINITY") == 0 || strcasecmp(s, "+INFINITY") == 0) {
		*score = SCORE_INFINITY;
		return 0;
	}
	if (strcasecmp(s, "-INFINITY") == 0) {
		*score = -SCORE_INFINITY;
		return 0;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	if (v > SCORE_INFINITY)
		v = SCORE_INFINITY;
	if (v < -SCORE_INFINITY)
		v = -SCORE_INFINITY;
	*score = v;
	return 0;
}
