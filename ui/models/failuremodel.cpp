#include "models/failuremodel.h"

#include "domain/reasontext.h"
#include "models/displaytext.h"

namespace pushdesk {

FailureModel::FailureModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FailureModel::append(const DeliveryFailure &failure)
{
    if (m_rows.size() >= kMaxRows) {
        ++m_dropped;
        return;
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(failure);
    endInsertRows();
}

void FailureModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_dropped = 0;
    endResetModel();
}

int FailureModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FailureModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailureModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeliveryFailure &f = m_rows[index.row()];
    if (role == DeliveryIdRole)
        return f.deliveryId;
    if (role == Qt::ToolTipRole && index.column() == ReasonColumn)
        return ReasonText::display(f.reason);
    if (role == Qt::TextAlignmentRole && index.column() == ErrcodeColumn)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case RecipientColumn: return f.recipient;
    case ChannelColumn: return DisplayText::label(f.channel);
    case ErrcodeColumn: return f.errcode == 0 ? QString() : QString::number(f.errcode);
    case ReasonColumn: return ReasonText::display(f.reason); // the engine reports it in its language; either form reads
    default: return {};
    }
}

QVariant FailureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RecipientColumn: return tr("Recipient");
    case ChannelColumn: return tr("Channel");
    case ErrcodeColumn: return tr("Errcode");
    case ReasonColumn: return tr("Reason");
    default: return {};
    }
}

} // namespace pushdesk
