#pragma once
// Errors are values: core returns Result<T> with a message a person can act on.
#include <QString>
#include <expected>

namespace pushdesk {

struct Error {
    QString message;
};

template<typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(const QString &message)
{
    return std::unexpected<Error>(Error{message});
}

} // namespace pushdesk
