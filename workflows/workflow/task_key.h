#pragma once
// Content-addressed task keys: SHA-256 (OpenSSL) over the task type, its parameters (canonical
// JSON: sorted keys), the contents of the potential files it reads, the code fingerprint and
// the keys of its inputs. Equal keys mean equal inputs, so a cached result can be reused.
#include <string>

#include "workflow/task_graph.h"

namespace nabridge::workflow {

std::string sha256_hex(const std::string& bytes);
/// SHA-256 of a file's contents; throws std::runtime_error naming the file if unreadable.
std::string file_sha256_hex(const std::string& path);

/// The code that computes the results: the NaBridge version, the SHA-256 of the running
/// executable and of every NaBridge shared library it loaded (so any rebuilt change of the code
/// invalidates the cache) and of the LAMMPS shared library. Starts neither LAMMPS nor MPI.
std::string code_fingerprint();

/// Fills Task::key for every task, inputs first.
void assign_keys(TaskGraph& graph, const std::string& code_fingerprint);

}  // namespace nabridge::workflow
