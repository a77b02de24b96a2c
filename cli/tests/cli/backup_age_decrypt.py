"""Open a Qujat backup with the standard age tool (Debian's `age`, Go), which reads a
passphrase only from a terminal: run it on a pseudo-terminal and type the code when it asks.

    python3 backup_age_decrypt.py CODE BACKUP_FILE OUTPUT_FILE

Exit status: age's.
"""
import os
import pty
import select
import sys

code, src, dst = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("age", ["age", "--decrypt", "--output", dst, src])

seen = b""
typed = False
while True:
    ready, _, _ = select.select([fd], [], [], 60)
    if not ready:
        break
    try:
        data = os.read(fd, 1024)
    except OSError:  # the child closed the terminal
        break
    if not data:
        break
    seen += data
    if not typed and b"passphrase" in seen.lower():
        os.write(fd, code.encode() + b"\n")
        typed = True
_, status = os.waitpid(pid, 0)
sys.stderr.write(seen.decode(errors="replace").replace(code, "<code>"))
sys.exit(os.waitstatus_to_exitcode(status))
