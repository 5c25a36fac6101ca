import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AdminPage } from './pages/AdminPage';
import { BoardCasePage } from './board/BoardCasePage';
import { BoardPage } from './board/BoardPage';
import { CommentPage } from './board/CommentPage';
import { CrisisPage } from './crisis/CrisisPage';
import { AppealsPage } from './moderation/AppealsPage';
import { AccountPage } from './moderation/AccountPage';
import { NoticeTemplatesPage } from './moderation/NoticeTemplates';
import { SearchPage } from './moderation/SearchPage';
import { CasePage } from './moderation/CasePage';
import { QueuePage } from './moderation/QueuePage';
import { AreaGate } from './pages/AreaGate';
import { TransparencyPage } from './transparency/TransparencyPage';
import { DisputesPage } from './disputes/DisputesPage';
import { PoliciesPage } from './policy/PoliciesPage';
import { MessageTemplatesPage } from './policy/MessageTemplatesPage';
import { ConsoleHome, ConsoleLayout } from './pages/ConsoleLayout';
import { LandingPage } from './pages/LandingPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SessionProvider } from './session';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<LandingPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/board/cases/:ref/comment" element={<CommentPage />} />
          <Route path="/console" element={<ConsoleLayout />}>
            <Route index element={<ConsoleHome />} />
            <Route path="queue" element={<QueuePage />} />
            <Route path="queue/cases/:id" element={<CasePage />} />
            <Route path="queue/appeals" element={<AppealsPage />} />
            <Route path="queue/templates" element={<NoticeTemplatesPage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="accounts/:platform/:ref" element={<AccountPage />} />
            <Route
              path="policies"
              element={
                <AreaGate area="policies">
                  <PoliciesPage />
                </AreaGate>
              }
            />
            <Route
              path="policies/messages"
              element={
                <AreaGate area="policies">
                  <MessageTemplatesPage />
                </AreaGate>
              }
            />
            <Route path="board" element={<BoardPage />} />
            <Route path="board/cases/:id" element={<BoardCasePage />} />
            <Route path="crisis" element={<CrisisPage />} />
            <Route path="transparency" element={<TransparencyPage />} />
            <Route path="disputes" element={<DisputesPage />} />
            <Route path="admin" element={<AdminPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  </StrictMode>,
);
