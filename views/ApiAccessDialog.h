#pragma once
// API > Access…: whether the console serves its northbound API and where, and the tokens
// scripts use (X-Auth-Token): create one (shown once, with a Copy button), revoke one.
#include "util/Result.h"
#include <QDialog>
#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace vines {
namespace api { class ApiTokens; }

class ApiAccessDialog : public QDialog {
    Q_OBJECT
public:
    // serving(): the API's URL when it runs, else "" ; setServing(on) starts or stops it and
    // says why it could not.
    ApiAccessDialog(api::ApiTokens &tokens, std::function<QString()> serving, std::function<Result<>(bool)> setServing,
                    QWidget *parent = nullptr);

private:
    void reload();
    void createToken();
    void revokeSelected();
    api::ApiTokens &m_tokens;
    std::function<QString()> m_serving;
    std::function<Result<>(bool)> m_setServing;
    QCheckBox *m_serve = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_newToken = nullptr;
};

} // namespace vines
